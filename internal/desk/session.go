package desk

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
)

// sessionCookie names the browser's desk session.
const sessionCookie = "guong-ban-viet"

// sessions makes and checks the per-session CSRF tokens: a browser gets a
// random session id in a cookie (SameSite=Strict, HttpOnly) and its token
// is the HMAC of that id under a key only this process knows, so a token
// read from one session is no use in another, and a restart voids them all.
type sessions struct{ key []byte }

func newSessions() sessions {
	key := make([]byte, 32)
	rand.Read(key)
	return sessions{key: key}
}

// token returns the CSRF token of r's session, starting a session (a
// cookie on w) if r has none.
func (s sessions) token(w http.ResponseWriter, r *http.Request) string {
	id := ""
	if c, err := r.Cookie(sessionCookie); err == nil && len(c.Value) == 64 {
		id = c.Value
	} else {
		b := make([]byte, 32)
		rand.Read(b)
		id = hex.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: Path, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	return s.of(id)
}

func (s sessions) of(id string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

// allowed reports whether a request that writes may: it carries its
// session's token (in the form field "csrf" or the X-Guong-CSRF header)
// and an Origin header naming the desk's own origin.
func (s sessions) allowed(r *http.Request) bool {
	if !sameOrigin(r) {
		return false
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) != 64 {
		return false
	}
	got := r.Header.Get("X-Guong-CSRF")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return hmac.Equal([]byte(got), []byte(s.of(c.Value)))
}

// sameOrigin reports whether r's Origin is the desk itself: http, and the
// Host r was sent to. A request without Origin is refused: every browser
// that can run the desk sends one with a POST.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return false
	}
	u, err := url.Parse(o)
	return err == nil && u.Scheme == "http" && u.Host == r.Host && u.Path == "" && u.User == nil
}
