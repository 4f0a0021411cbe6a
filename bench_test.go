package workos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchServer is an httptest server with canned replies, so that the
// server's own cost is the same for the SDK and the baseline.
type benchServer struct {
	*httptest.Server
	pages    map[string][]byte // list pages keyed by their after cursor
	newConns atomic.Int64
}

const benchListSize = 10_000

func newBenchServer(tb testing.TB) *benchServer {
	s := &benchServer{pages: map[string][]byte{}}
	user := []byte(minimalUserJSON)
	widget := []byte(`{"id":"w_1","name":"gear"}`)
	// 10,000 users, 100 a page, each page pre-encoded.
	for start := 0; start < benchListSize; start += 100 {
		var b bytes.Buffer
		b.WriteString(`{"object":"list","data":[`)
		for i := start; i < start+100; i++ {
			if i > start {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"object":"user","id":"user_%05d","email":"user%05d@example.com","email_verified":true,`+
				`"first_name":"Ada","last_name":"Lovelace","profile_picture_url":null,"external_id":null,"metadata":{},`+
				`"last_sign_in_at":"2024-01-02T03:04:05.000Z","created_at":"2023-01-02T03:04:05.000Z","updated_at":"2023-06-02T03:04:05.000Z"}`, i, i)
		}
		after := "null"
		if start+100 < benchListSize {
			after = fmt.Sprintf(`"user_%05d"`, start+99)
		}
		fmt.Fprintf(&b, `],"list_metadata":{"before":null,"after":%s}}`, after)
		key := ""
		if start > 0 {
			key = fmt.Sprintf("user_%05d", start-1)
		}
		s.pages[key] = b.Bytes()
	}
	h := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_bench")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/user_management/users":
			page, ok := s.pages[r.URL.Query().Get("after")]
			if !ok {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			_, _ = w.Write(page)
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/user_management/users/"):
			_, _ = w.Write(user)
		case r.Method == http.MethodPost && r.URL.Path == "/widgets":
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write(widget)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(h))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.newConns.Add(1)
		}
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

func benchClient(tb testing.TB, srv *benchServer) *Client {
	c, err := NewClient(WithAPIKey("sk_test_bench"), WithBaseURL(srv.URL), WithClientID("client_bench"))
	require.NoError(tb, err)
	return c
}

// baselineGet is what a careful hand-written client does for one GET.
func baselineGet(hc *http.Client, target string, out any) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer sk_test_bench")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "baseline/1.0")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func BenchmarkGetUser(b *testing.B) {
	srv := newBenchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			u, err := c.UserManagement.GetUser(ctx, "user_01E4ZCR3C56J083X43JQXF3JK5")
			if err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		hc := DefaultHTTPClient()
		target := srv.URL + "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5"
		b.ReportAllocs()
		for b.Loop() {
			var u User
			if err := baselineGet(hc, target, &u); err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("paired", func(b *testing.B) {
		c := benchClient(b, srv)
		hc := DefaultHTTPClient()
		target := srv.URL + "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5"
		benchPaired(b, func() {
			if _, err := c.UserManagement.GetUser(ctx, "user_01E4ZCR3C56J083X43JQXF3JK5"); err != nil {
				b.Fatal(err)
			}
		}, func() {
			var u User
			if err := baselineGet(hc, target, &u); err != nil {
				b.Fatal(err)
			}
		})
	})
}

type benchWidgetBody struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func BenchmarkPostWidget(b *testing.B) {
	srv := newBenchServer(b)
	ctx := context.Background()
	body := benchWidgetBody{Name: "gear", Count: 3}
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			var out testWidget
			if _, err := c.do(ctx, call{method: http.MethodPost, path: "/widgets", body: body}, &out, nil); err != nil || out.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		hc := DefaultHTTPClient()
		target := srv.URL + "/widgets"
		b.ReportAllocs()
		for b.Loop() {
			var out testWidget
			if err := baselinePost(hc, target, body, &out); err != nil || out.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("paired", func(b *testing.B) {
		c := benchClient(b, srv)
		hc := DefaultHTTPClient()
		target := srv.URL + "/widgets"
		benchPaired(b, func() {
			var out testWidget
			if _, err := c.do(ctx, call{method: http.MethodPost, path: "/widgets", body: body}, &out, nil); err != nil {
				b.Fatal(err)
			}
		}, func() {
			var out testWidget
			if err := baselinePost(hc, target, body, &out); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// baselinePost is what a careful hand-written client does for one POST.
func baselinePost(hc *http.Client, target string, body, out any) error {
	payload, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, target, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer sk_test_bench")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "baseline/1.0")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// baselinePage is the page shape the baseline decodes into: the same
// item type, decoded once.
type baselinePage struct {
	Data         []User `json:"data"`
	ListMetadata struct {
		Before *string `json:"before"`
		After  *string `json:"after"`
	} `json:"list_metadata"`
}

func baselineAll(hc *http.Client, base string, visit func(*User)) error {
	after := ""
	for {
		q := url.Values{"limit": {"100"}}
		if after != "" {
			q.Set("after", after)
		}
		var page baselinePage
		if err := baselineGet(hc, base+"/user_management/users?"+q.Encode(), &page); err != nil {
			return err
		}
		for i := range page.Data {
			visit(&page.Data[i])
		}
		if len(page.Data) == 0 || page.ListMetadata.After == nil {
			return nil
		}
		after = *page.ListMetadata.After
	}
}

func BenchmarkAutoPaging10k(b *testing.B) {
	srv := newBenchServer(b)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		before := allocatedBytes()
		for b.Loop() {
			n := 0
			for u, err := range c.UserManagement.ListUsers(ctx, ListUsersParams{}).All() {
				if err != nil || u.ID == "" {
					b.Fatal(err)
				}
				n++
			}
			if n != benchListSize {
				b.Fatalf("got %d items", n)
			}
		}
		b.ReportMetric(float64(allocatedBytes()-before)/float64(b.N*benchListSize), "B/item")
	})
	b.Run("baseline", func(b *testing.B) {
		hc := DefaultHTTPClient()
		b.ReportAllocs()
		before := allocatedBytes()
		for b.Loop() {
			n := 0
			if err := baselineAll(hc, srv.URL, func(u *User) { n++ }); err != nil || n != benchListSize {
				b.Fatal(err, n)
			}
		}
		b.ReportMetric(float64(allocatedBytes()-before)/float64(b.N*benchListSize), "B/item")
	})
	b.Run("paired", func(b *testing.B) {
		c := benchClient(b, srv)
		hc := DefaultHTTPClient()
		benchPaired(b, func() {
			for u, err := range c.UserManagement.ListUsers(ctx, ListUsersParams{}).All() {
				if err != nil || u.ID == "" {
					b.Fatal(err)
				}
			}
		}, func() {
			if err := baselineAll(hc, srv.URL, func(u *User) {}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("sdk-live-heap", func(b *testing.B) {
		c := benchClient(b, srv)
		var at1k, at10k uint64
		for b.Loop() {
			at1k, at10k = heapAfterPaging(b, c)
		}
		b.ReportMetric(float64(at1k)/1024, "heapKB@1k")
		b.ReportMetric(float64(at10k)/1024, "heapKB@10k")
	})
}

// allocatedBytes is the total of heap bytes allocated so far.
func allocatedBytes() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

// benchPaired times sdk and baseline alternately, one operation each per
// iteration, so both see the same load on a shared machine, and reports
// their mean times and the ratio.
func benchPaired(b *testing.B, sdk, baseline func()) {
	var tSDK, tBase time.Duration
	for b.Loop() {
		start := time.Now()
		sdk()
		mid := time.Now()
		baseline()
		tBase += time.Since(mid)
		tSDK += mid.Sub(start)
	}
	b.ReportMetric(float64(tSDK.Nanoseconds())/float64(b.N), "sdk-ns/op")
	b.ReportMetric(float64(tBase.Nanoseconds())/float64(b.N), "base-ns/op")
	b.ReportMetric(float64(tSDK)/float64(tBase), "ratio")
}

// heapAfterPaging walks the 10,000-item list and returns the live heap (after a
// GC) when the 1,000th and the 10,000th items are in hand.
func heapAfterPaging(tb testing.TB, c *Client) (at1k, at10k uint64) {
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	n := 0
	for u, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).All() {
		if err != nil || u.ID == "" {
			tb.Fatal(err)
		}
		n++
		switch n {
		case 1_000:
			at1k = live()
		case benchListSize:
			at10k = live()
		}
	}
	return at1k, at10k
}

func TestAutoPagingLiveHeapStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 10,000 items")
	}
	srv := newBenchServer(t)
	c := benchClient(t, srv)
	heapAfterPaging(t, c) // warm pools and connections
	at1k, at10k := heapAfterPaging(t, c)
	t.Logf("live heap: %d KB at 1,000 items, %d KB at 10,000", at1k/1024, at10k/1024)
	// Keeping every decoded page would add several MB; allow 512 KB of noise.
	assert.Less(t, int64(at10k)-int64(at1k), int64(512<<10))
}

// hammerConnections runs GetUser from 64 goroutines on the SDK's default client for
// d and returns the number of requests and of TCP connections opened.
func hammerConnections(tb testing.TB, d time.Duration) (requests, conns int64) {
	srv := newBenchServer(tb)
	c := benchClient(tb, srv) // no WithHTTPClient: DefaultHTTPClient
	var n atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if _, err := c.UserManagement.GetUser(context.Background(), "user_1"); err != nil {
					tb.Error(err)
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return n.Load(), srv.newConns.Load()
}

func BenchmarkConcurrentGets64(b *testing.B) {
	var reqs, conns int64
	for b.Loop() {
		reqs, conns = hammerConnections(b, 2*time.Second)
	}
	b.ReportMetric(float64(conns), "tcp-conns")
	b.ReportMetric(float64(reqs)/2, "req/s")
}

func TestDefaultClientOpensAtMost64ConnectionsFor64Goroutines(t *testing.T) {
	reqs, conns := hammerConnections(t, 300*time.Millisecond)
	t.Logf("%d requests over %d TCP connections", reqs, conns)
	assert.Greater(t, reqs, int64(64))
	assert.LessOrEqual(t, conns, int64(64))
}

// memoryTransport answers every request from memory, so a benchmark on it
// measures only the client-side work: building, sending through
// http.Client, reading and decoding.
type memoryTransport struct{ body []byte }

func (m memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req_mem"}},
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       req,
	}, nil
}

// BenchmarkPipelineOverhead isolates the SDK's own cost per call: the same
// GET and POST as above on an in-memory transport, with no network noise.
func BenchmarkPipelineOverhead(b *testing.B) {
	ctx := context.Background()
	hc := &http.Client{Transport: memoryTransport{body: []byte(minimalUserJSON)}}
	c, err := NewClient(WithAPIKey("sk_test_bench"), WithBaseURL("https://api.workos.test"), WithHTTPClient(hc))
	require.NoError(b, err)
	body := benchWidgetBody{Name: "gear", Count: 3}
	b.Run("get/sdk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if u, err := c.UserManagement.GetUser(ctx, "user_01E4ZCR3C56J083X43JQXF3JK5"); err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("get/baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var u User
			if err := baselineGet(hc, "https://api.workos.test/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", &u); err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("get/paired", func(b *testing.B) {
		benchPaired(b, func() {
			if _, err := c.UserManagement.GetUser(ctx, "user_01E4ZCR3C56J083X43JQXF3JK5"); err != nil {
				b.Fatal(err)
			}
		}, func() {
			var u User
			if err := baselineGet(hc, "https://api.workos.test/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", &u); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("post/sdk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var out User
			if _, err := c.do(ctx, call{method: http.MethodPost, path: "/widgets", body: body}, &out, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("post/baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var out User
			if err := baselinePost(hc, "https://api.workos.test/widgets", body, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("post/paired", func(b *testing.B) {
		benchPaired(b, func() {
			var out User
			if _, err := c.do(ctx, call{method: http.MethodPost, path: "/widgets", body: body}, &out, nil); err != nil {
				b.Fatal(err)
			}
		}, func() {
			var out User
			if err := baselinePost(hc, "https://api.workos.test/widgets", body, &out); err != nil {
				b.Fatal(err)
			}
		})
	})
}
