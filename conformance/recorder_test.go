package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	verrors "github.com/pb33f/libopenapi-validator/errors"
)

// exchange is one request the SDK sent and the canned reply it got.
type exchange struct {
	// op is the spec operation the request matched; zero when none did.
	op     opKey
	method string
	url    string
	header http.Header
	body   []byte
	// problems are the request's deviations from the spec: no matching
	// operation, an unknown server, or validator errors.
	problems []string
	// status and respBody are the canned reply.
	status   int
	respBody []byte
	// respProblems are the canned reply's own deviations from the spec,
	// which point at the example builder or at the spec's examples.
	respProblems []string
}

// recorder is an http.RoundTripper standing in for the WorkOS API. It
// records every request, validates it against the spec, and answers with
// the operation's success response built from the spec's examples (see
// successResponse), which it also validates. It never touches the network.
type recorder struct {
	spec *specInfo

	mu        sync.Mutex
	exchanges []*exchange
}

func newRecorder(spec *specInfo) *recorder { return &recorder{spec: spec} }

// RoundTrip implements http.RoundTripper.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	ex := &exchange{
		method: req.Method,
		url:    req.URL.String(),
		header: req.Header.Clone(),
		body:   body,
	}
	ex.problems = r.spec.checkRequest(req, body)
	if op, _, err := r.spec.route(withBody(req, body)); err == nil {
		ex.op = op
	}

	status, respBody := http.StatusNotFound, []byte(`{"message":"conformance: the request matches no in-scope spec operation"}`)
	if ex.op != (opKey{}) {
		code, b, err := r.spec.successResponse(ex.op)
		if err != nil {
			ex.respProblems = append(ex.respProblems, err.Error())
		} else {
			status, respBody = code, b
		}
	}
	ex.status, ex.respBody = status, respBody
	resp := cannedResponse(req, status, respBody)
	if ex.op != (opKey{}) {
		ex.respProblems = append(ex.respProblems, r.spec.checkResponse(withBody(req, body), cannedResponse(req, status, respBody))...)
	}

	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()
	return resp, nil
}

// recorded returns the exchanges so far.
func (r *recorder) recorded() []*exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*exchange(nil), r.exchanges...)
}

func cannedResponse(req *http.Request, status int, body []byte) *http.Response {
	h := http.Header{}
	h.Set("X-Request-Id", "req_conformance")
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// withBody returns a shallow copy of req whose body reads body afresh, so
// that each validator pass sees the whole body.
// readBody reads and closes a request's body; nil when it has none.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}

func withBody(req *http.Request, body []byte) *http.Request {
	c := req.Clone(req.Context())
	if body == nil {
		c.Body = http.NoBody
		c.ContentLength = 0
	} else {
		c.Body = io.NopCloser(bytes.NewReader(body))
		c.ContentLength = int64(len(body))
	}
	return c
}

// checkRequest validates a request against the spec: its server, its
// operation, and its path, query, header and body against the operation.
func (s *specInfo) checkRequest(req *http.Request, body []byte) []string {
	var problems []string
	base := req.URL.Scheme + "://" + req.URL.Host
	if !s.knownServer(base) {
		problems = append(problems, fmt.Sprintf("server %s is none of the spec's servers %v", base, s.servers))
	}
	op, _, err := s.route(withBody(req, body))
	if err != nil {
		return append(problems, fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err))
	}
	return append(problems, s.validateRequest(op, req, body)...)
}

// validateRequest validates a request routed to op: its path, query,
// headers and body, less the errors validatorIgnores explains.
func (s *specInfo) validateRequest(op opKey, req *http.Request, body []byte) []string {
	_, verrs := s.validator.ValidateHttpRequestSync(withBody(req, body))
	return formatValidationErrors(op, s.filterIgnored(op, verrs, body))
}

// checkResponse validates a response to req against the spec; resp.Body
// is consumed.
func (s *specInfo) checkResponse(req *http.Request, resp *http.Response) []string {
	op, _, err := s.route(req)
	if err != nil {
		return []string{fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err)}
	}
	_, verrs := s.validator.ValidateHttpResponse(req, resp)
	return formatValidationErrors(op, s.filterIgnored(op, verrs, nil))
}

// formatValidationErrors renders validator errors with their schema
// details, one line each.
func formatValidationErrors(op opKey, errs []*verrors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s", op, e.Message)
		if e.Reason != "" && e.Reason != e.Message {
			fmt.Fprintf(&b, ": %s", e.Reason)
		}
		for _, f := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, "; %s", f.Reason)
			if f.FieldPath != "" {
				fmt.Fprintf(&b, " at %s", f.FieldPath)
			}
		}
		out = append(out, b.String())
	}
	return out
}
