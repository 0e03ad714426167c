package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestGuard: the preview answers requests for its own addresses only;
// any other Host — a DNS-rebinding page's name that resolves to
// 127.0.0.1 — gets 403, for pages and the event stream alike.
func TestGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "trang") })
	tests := []struct {
		bind, host string
		want       int
	}{
		{"127.0.0.1", "127.0.0.1:1313", 200},
		{"127.0.0.1", "localhost:1313", 200},
		{"127.0.0.1", "LOCALHOST", 200},
		{"127.0.0.1", "[::1]:1313", 200},
		{"127.0.0.1", "[::1]", 200},
		{"127.0.0.1", "127.0.0.1", 200},
		{"192.168.1.20", "192.168.1.20:1313", 200},
		{"::1", "[::1]:8080", 200},
		{"127.0.0.1", "attacker.example", 403},
		{"127.0.0.1", "attacker.example:1313", 403},
		{"127.0.0.1", "localhost.attacker.example:1313", 403},
		{"127.0.0.1", "127.0.0.2:1313", 403},
		{"127.0.0.1", "", 403},
		{"192.168.1.20", "192.168.1.21:1313", 403},
		{"0.0.0.0", "attacker.example", 403},
		{"0.0.0.0", "127.0.0.1:1313", 200},
	}
	for _, tt := range tests {
		for _, path := range []string{"/", EventsPath} {
			req := httptest.NewRequest("GET", path, nil)
			req.Host = tt.host
			rec := httptest.NewRecorder()
			Guard(ok, tt.bind).ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("bind %s, Host %q, %s: %d, want %d", tt.bind, tt.host, path, rec.Code, tt.want)
			}
			if tt.want == 403 && strings.Contains(rec.Body.String(), "trang") {
				t.Errorf("bind %s, Host %q: the page was served", tt.bind, tt.host)
			}
		}
	}
}

// TestFloodOfIdleConnections: with every connection the server allows
// held open and idle (a flood of them, more than MaxConns), the author's
// browser is still served: the oldest idle connection makes room.
func TestFloodOfIdleConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hs := HTTPServer(ctx, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "trang") }))
	go hs.Serve(Listen(ln))
	defer hs.Close()

	// Connections that send a request, then stay idle (kept alive), and
	// connections that never send one.
	var flood []net.Conn
	defer func() {
		for _, c := range flood {
			c.Close()
		}
	}()
	for i := range MaxConns + 50 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		flood = append(flood, c)
		if i%2 == 0 {
			io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			if i < MaxConns-1 { // answered: the server had room for it
				resp, err := http.ReadResponse(bufio.NewReader(c), nil)
				if err != nil {
					t.Fatalf("connection %d: %v", i, err)
				}
				resp.Body.Close()
			}
		}
	}
	client := &http.Client{Timeout: 5 * time.Second} // far less than the timeouts that would free room
	resp, err := client.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatalf("the author's request under a flood of idle connections: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "trang" {
		t.Errorf("got %q", body)
	}
}
