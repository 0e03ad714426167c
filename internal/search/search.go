// Package search builds the site's search index: files the build writes
// beside the search page, from which the browser (the theme's
// static/js/search-core.js) answers queries with no server and no external
// service, downloading only the few files a query needs.
//
// # Syllables and folding
//
// Vietnamese words are several syllables written apart ("dân vận khéo"), so
// the index is of syllables: Tokenize splits text on every character that is
// not a letter or a digit, in NFC and lower case. A syllable's term is its
// folded form (vi.Fold: no diacritics, đ → d), so "dan van kheo" finds "Dân
// vận khéo"; each term keeps the spellings it was found with (its variants),
// and each posting says which of them its story uses, so that a query typed
// with diacritics ranks the stories spelling it that way first ("Ân" above
// "An"). Each pair of consecutive syllables of a field is indexed too, as the
// term "first second", so that syllables found together rank above
// scattered ones.
//
// # Files
//
// Under the index folder (tim-kiem/chi-muc/):
//
//	manifest.json  {"format":3, "build":"<hash>", "docs":N, "block":DocsPerFile,
//	                "terms":[first term of each shard], "pairs":[first pair of each shard],
//	                "surnames":[first syllable of each person's name, and vi.CommonSurnames, folded],
//	                "levels":[the weight of each level, Levels]}
//	u/<i>.json     term shard i: {"<term>":[[variants...],"<postings>"], ...}
//	b/<i>.json     pair shard i: {"<term> <term>":"<postings>", ...}
//	filters.json   the facets of every story, see Facets
//	d/<k>.json     what a result shows of stories k*DocsPerFile up to
//	               (k+1)*DocsPerFile-1, in an array: title, url, person, ...
//
// Terms are sorted by their UTF-8 bytes and cut into shards of about
// Options.ShardSize bytes; shard i holds the terms from terms[i] up to
// terms[i+1], so the browser finds the one shard a syllable needs from the
// manifest, and the shards a prefix needs (a syllable being typed) as a
// range. Pairs are sharded the same way. Story ids are positions in the
// site's story list, newest first.
//
// Postings are numbers written with appendNum: for a term, per story, the
// posting's first number (appendPosting: the level of its weight, the sum
// of the field weights of every occurrence, see Weight* and Levels, and
// whether a gap from the previous story's id follows), the gap if any and,
// when the term has more than one variant, a bit mask of the variants the
// story uses (bit i for variant i; variants are ordered by how many
// stories use them). For a pair: the first number (level*4+k), the gap if
// any, then k (at most 3) codes saying where the pair
// stands in the story's person's name or title (PairCode), so that a query
// typed as a phrase of a name or title can rank first.
//
// # Ranking
//
// The ranking lives in one place, the theme's static/js/search-core.js,
// which readers' browsers run (see its run function for the rules); this
// package only writes the files. go test runs the core in goja over
// files written here (package jstest, rank_test.go).
package search

// Field weights: an occurrence of a syllable adds its field's weight to the
// posting of its story.
const (
	WeightTitle      = 10
	WeightPerson     = 8
	WeightTags       = 5
	WeightModel      = 3
	WeightDepartment = 3
	WeightCampaign   = 3
	WeightPosition   = 2
	WeightSummary    = 2
	WeightText       = 1
)

// maxWeight caps a posting's weight, so that it takes at most two digits.
const maxWeight = 1023

// maxVariants is how many variants of a term the postings' masks can name.
const maxVariants = 30

// Format is the version of the index files' layout.
const Format = 3

// DocsPerFile is how many stories' result fragments share a file under
// DocsDir. One file per story made the index a third of a build's files
// (each costs the file system far more than its bytes); four made a page
// of ten results download up to 180 KB, as ten files hold forty stories.
// Two, with fragments of about 1.4 KB (a text of DefaultTextLimit bytes
// for the snippet), is the compromise: 5,000 files at 10,000 stories, and
// about 30 KB for a page of results (docs/benchmarks.md#search).
const DocsPerFile = 2

// Names of the index files, relative to the index folder.
const (
	ManifestFile = "manifest.json"
	FiltersFile  = "filters.json"
	TermsDir     = "u/"
	PairsDir     = "b/"
	DocsDir      = "d/"
)
