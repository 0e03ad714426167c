// Command gencorpus writes a deterministic sample site of N stories in
// guong's content format, for benchmarks:
//
//	go run ./cmd/gencorpus -n 10000 -o /tmp/corpus-10000
//
// With -pictures K, every K-th story's body shows a photo of its own.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/guong/guong/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of stories")
	out := flag.String("o", "", "folder to write the site into (must not exist, or be empty)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same site")
	pictures := flag.Int("pictures", 0, "if not 0, every `K`-th story's body shows a photo of its own")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -o FOLDER is required")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: %s is not empty\n", *out)
		os.Exit(2)
	}
	err := corpus.Generate(corpus.Options{Stories: *n, Seed: *seed, Pictures: *pictures}, func(f corpus.File) error {
		p := filepath.Join(*out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, f.Data, 0o644)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
