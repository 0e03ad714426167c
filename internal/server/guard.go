package server

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/netutil"

	"github.com/guong/guong/internal/diag"
)

// Guard returns h answering only requests addressed to the preview
// itself: a Host of 127.0.0.1, localhost or [::1] with any port, or the
// address it is bound to (bind, guong serve's --bind), or, when bound to
// every interface (0.0.0.0, ::), one of this machine's addresses. Any
// other Host gets 403. A page on another site can make a browser send it
// requests for a name of its own that resolves to 127.0.0.1 (DNS
// rebinding), and read the answers, drafts included: the Host it sends is
// that name.
func Guard(h http.Handler, bind string) http.Handler {
	allowed := map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true}
	bind = strings.ToLower(strings.Trim(bind, "[]"))
	if ip := net.ParseIP(bind); bind == "" || ip != nil && ip.IsUnspecified() {
		// Every interface: the machine's own addresses, as a phone on the
		// same network would reach it.
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					allowed[n.IP.String()] = true
				}
			}
		}
	} else {
		allowed[bind] = true
		if ip != nil {
			allowed[ip.String()] = true
		}
	}
	refused := diag.HostRefused.Format("vi", bind) + "\n" + diag.HostRefused.Format("en", bind) + "\n"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[hostOnly(r.Host)] {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(refused))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Loopback returns h answering only requests whose Host is 127.0.0.1,
// localhost or [::1], with any port; any other gets 403, as Guard says. It
// is for the pages that write into the site (the writer's desk): a preview
// bound to every interface, so that a phone on the same network can look
// at it, does not let that network write.
func Loopback(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ip := net.ParseIP(hostOnly(r.Host)); !(hostOnly(r.Host) == "localhost" || ip != nil && ip.IsLoopback()) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(diag.DeskHostRefused.Format("vi") + "\n" + diag.DeskHostRefused.Format("en") + "\n"))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// hostOnly returns the host of a Host header, without its port or the
// brackets of an IPv6 address, in lower case, with an IP address in its
// usual form.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return host
}

// Limits of the preview's HTTP server.
const (
	// MaxConns is the most connections served at once: beyond it they
	// wait in the kernel's queue, using no file descriptor of guong's.
	MaxConns = 256
	// ReadHeaderTimeout closes a connection that sends no request headers
	// in time; IdleTimeout one kept alive with no request.
	ReadHeaderTimeout = 10 * time.Second
	IdleTimeout       = 60 * time.Second
)

// HTTPServer returns the preview's server for h: with read-header and
// idle timeouts, request contexts ending with ctx (so open event streams
// do not hold up Ctrl+C), and, with a listener from Listen, room for a new
// connection whatever the others do: when MaxConns are open, the oldest
// one that is idle (kept alive between requests, or opened without a
// request yet) is closed to make room, so that a flood of idle connections
// cannot keep the author's browser out. Event streams, being answered, are
// never closed to make room.
func HTTPServer(ctx context.Context, h http.Handler) *http.Server {
	s := &shedder{conns: map[net.Conn]uint64{}, max: MaxConns}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ConnState:         s.track,
	}
}

// Listen wraps ln so that at most MaxConns connections are open at once
// (golang.org/x/net/netutil.LimitListener): 4,300 idle connections ran
// guong out of file descriptors, and nobody was served until they went.
func Listen(ln net.Listener) net.Listener { return netutil.LimitListener(ln, MaxConns) }

// shedder keeps one connection's room free: it tracks the connections that
// are idle, oldest first, and closes the oldest when all the room is used.
type shedder struct {
	mu    sync.Mutex
	max   int
	open  int
	seq   uint64
	conns map[net.Conn]uint64 // idle connections, by when they became idle
}

func (s *shedder) track(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch state {
	case http.StateNew:
		s.open++
		s.seq++
		s.conns[c] = s.seq
	case http.StateIdle:
		s.seq++
		s.conns[c] = s.seq
	case http.StateActive:
		delete(s.conns, c)
		return
	case http.StateHijacked, http.StateClosed: // the last state of each
		s.open--
		delete(s.conns, c)
		return
	}
	if s.open < s.max {
		return
	}
	var oldest net.Conn
	var at uint64
	for other, t := range s.conns {
		if other != c && (oldest == nil || t < at) {
			oldest, at = other, t
		}
	}
	if oldest != nil {
		delete(s.conns, oldest)
		oldest.Close() // its state becomes StateClosed
	}
}
