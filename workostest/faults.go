package workostest

import (
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"sync"
	"time"
)

// Fault makes the server fail matching requests instead of serving them.
type Fault struct {
	// Method is the HTTP method to match, such as "POST"; empty matches any.
	Method string
	// Path is a path.Match pattern for the request path, such as
	// "/user_management/users" or "/user_management/users/*"; empty
	// matches any path.
	Path string
	// Times is how many matching requests fail; after that the fault is
	// gone. Zero or less means one.
	Times int
	// Status is the HTTP status to answer, such as 429 or 503. Required.
	Status int
	// RetryAfter, when positive, is sent as a Retry-After header in whole
	// seconds, rounded up.
	RetryAfter time.Duration
	// Body replaces the default body, {"message": "<status text>"} (with
	// "code": "rate_limit_exceeded" on 429). It is sent as JSON.
	Body any
	// AfterHandling makes the server carry the request out before
	// answering with the fault, as when a reply is lost on the way back.
	// With the SDK's Idempotency-Key, the retry of such a POST gets the
	// stored reply of the first attempt instead of doing it twice.
	AfterHandling bool
	// Delay holds the reply back this long (or until the client gives up),
	// to make a client's timeout fire. With Status zero and Reset false,
	// the request is then served normally.
	Delay time.Duration
	// Reset closes the connection without any reply, as a network reset
	// does; Status is then not used.
	Reset bool
}

// FailNext makes the next n requests matching method and pathPattern (see
// Fault) fail with status, sending Retry-After when retryAfter is positive.
// Faults are matched before authentication and routing, in the order they
// were added.
func (s *Server) FailNext(method, pathPattern string, n, status int, retryAfter time.Duration) {
	s.InjectFault(Fault{Method: method, Path: pathPattern, Times: n, Status: status, RetryAfter: retryAfter})
}

// InjectFault adds f to the faults the server plays on matching requests;
// each request consumes at most one fault, the oldest that matches. It
// fails the test when f.Path is not a valid path.Match pattern, which
// would otherwise never match, or when the fault does nothing the server
// could play: a Status outside 200 to 599, unless Reset is set or Delay
// alone is wanted.
func (s *Server) InjectFault(f Fault) {
	s.checkPattern("InjectFault", f.Path)
	delayOnly := f.Status == 0 && f.Delay > 0
	if !f.Reset && !delayOnly && (f.Status < 200 || f.Status > 599) {
		s.failf("workostest: InjectFault: Status must be an HTTP status from 200 to 599, got %d", f.Status)
		return
	}
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.faults = append(s.st.faults, &f)
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.faults = nil
}

// takeFault consumes and returns the first fault matching r, or nil.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	var hit *Fault
	for i, f := range s.st.faults {
		if f.Method != "" && f.Method != r.Method {
			continue
		}
		if f.Path != "" {
			if ok, _ := path.Match(f.Path, r.URL.Path); !ok {
				continue
			}
		}
		f.Times--
		if f.Times <= 0 {
			s.st.faults = append(s.st.faults[:i:i], s.st.faults[i+1:]...)
		}
		c := *f
		hit = &c
		break
	}
	return hit
}

// writeFault answers with the fault's status, Retry-After and body.
func writeFault(w http.ResponseWriter, hit *Fault) {
	if hit.RetryAfter > 0 {
		secs := int64((hit.RetryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	body := hit.Body
	if body == nil {
		m := map[string]any{"message": http.StatusText(hit.Status)}
		if hit.Status == http.StatusTooManyRequests {
			m["code"] = "rate_limit_exceeded"
		}
		body = m
	}
	writeJSON(w, hit.Status, body)
}

// storedReply is a successful POST reply kept for its Idempotency-Key.
type storedReply struct {
	status int
	header http.Header
	body   []byte
}

func idempotencyKey(r *http.Request) string {
	k := r.Header.Get("Idempotency-Key")
	if k == "" || r.Method != http.MethodPost {
		return ""
	}
	return r.URL.Path + "\x00" + k
}

// lockIdempotencyKey serializes the POSTs that carry the same
// Idempotency-Key and returns the unlock function (a no-op for other
// requests).
func (s *Server) lockIdempotencyKey(r *http.Request) func() {
	key := idempotencyKey(r)
	if key == "" {
		return func() {}
	}
	s.mu.Lock()
	m := s.st.idempotencyLocks[key]
	if m == nil {
		m = &sync.Mutex{}
		s.st.idempotencyLocks[key] = m
	}
	s.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// replayIdempotent answers a POST whose Idempotency-Key already succeeded
// with the stored reply, as the API does.
func (s *Server) replayIdempotent(w http.ResponseWriter, r *http.Request) bool {
	key := idempotencyKey(r)
	if key == "" {
		return false
	}
	s.mu.Lock()
	rep := s.st.idempotent[key]
	s.mu.Unlock()
	if rep == nil {
		return false
	}
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
	return true
}

// storeIdempotent keeps a successful POST reply under its Idempotency-Key.
func (s *Server) storeIdempotent(r *http.Request, rec *httptest.ResponseRecorder) {
	key := idempotencyKey(r)
	if key == "" || rec.Code < 200 || rec.Code > 299 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.idempotent[key] = &storedReply{status: rec.Code, header: rec.Header().Clone(), body: append([]byte(nil), rec.Body.Bytes()...)}
}

// Request is one request the server received, as recorded by Requests.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the unescaped URL path.
	Path string
	// Query is the raw query string.
	Query string
	// Authorized reports whether the request carried the server's API key.
	Authorized bool
}

// Requests returns every request the server received so far, oldest first,
// including those answered by a fault. Use it to count retries.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.st.requests...)
}

// CountRequests returns how many received requests match method (empty for
// any) and the path.Match pattern pathPattern. It fails the test when the
// pattern is malformed.
func (s *Server) CountRequests(method, pathPattern string) int {
	s.checkPattern("CountRequests", pathPattern)
	n := 0
	for _, r := range s.Requests() {
		if method != "" && r.Method != method {
			continue
		}
		if ok, _ := path.Match(pathPattern, r.Path); ok {
			n++
		}
	}
	return n
}

// checkPattern fails the test when pattern is not a valid path.Match
// pattern: path.Match would report no match for every path instead.
func (s *Server) checkPattern(helper, pattern string) {
	if _, err := path.Match(pattern, ""); err != nil {
		s.failf("workostest: %s: bad path pattern %q: %v", helper, pattern, err)
	}
}

func (s *Server) logRequest(r *http.Request) {
	rec := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Authorized: s.authorized(r)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.requests = append(s.st.requests, rec)
}
