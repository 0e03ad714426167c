//go:build !linux

package publish

// exchange is not available here: Commit swaps with two renames (the old
// output set aside, the new one put in its place), and the next Open puts
// the old output back if a build was killed between them. On macOS,
// renamex_np with RENAME_SWAP could do it in one step; on Windows there is
// no such call for folders.
func exchange(a, b string) error { return errNoExchange }
