package search

// For the ranking tests of package search_test, which run the theme's
// search core (see rank_test.go).
var (
	TestCorpus = corpus
	TestFacets = facets
	ManyDocs   = manyDocs
)
