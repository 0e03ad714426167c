package theme

import "testing"

func TestTelURI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0205 3812 460", "02053812460"},
		{"(0205) 3.812.460", "02053812460"},
		{"+84 205 3812 460", "+842053812460"},
		{"0205 3812 460 + 1", "020538124601"},
		{`"><script>`, ""},
	} {
		if got := telURI(tc.in); got != tc.want {
			t.Errorf("telURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
