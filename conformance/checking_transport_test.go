package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// specCheckingTransport sits between an SDK Client and a real server, such
// as the workostest fake (issue 6): it forwards every request, and checks
// both the request and the server's actual reply against the spec. It
// does not change what the client receives.
//
// Use checkedHTTPClient in a test; the raw type is for tests of the
// transport itself.
type specCheckingTransport struct {
	spec *specInfo
	base http.RoundTripper
	// allowUndeclaredStatus accepts replies whose status the operation
	// does not declare (fault injection: 429, 500, 503; or the 401 most
	// operations leave undeclared). Their bodies are not checked.
	allowUndeclaredStatus bool

	mu       sync.Mutex
	problems []string
	seen     map[opKey]int
}

// checkedHTTPClient returns an *http.Client whose transport checks every
// exchange against the spec and fails t at cleanup, listing each
// deviation. base is the transport to forward to (nil means
// http.DefaultTransport). Pass the client to workos.WithHTTPClient.
func checkedHTTPClient(t *testing.T, base http.RoundTripper) (*http.Client, *specCheckingTransport) {
	t.Helper()
	tr := newSpecCheckingTransport(loadSpec(t), base)
	t.Cleanup(func() {
		for _, p := range tr.Problems() {
			t.Errorf("spec deviation: %s", p)
		}
	})
	return &http.Client{Transport: tr}, tr
}

func newSpecCheckingTransport(spec *specInfo, base http.RoundTripper) *specCheckingTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &specCheckingTransport{spec: spec, base: base, seen: map[opKey]int{}}
}

// RoundTrip implements http.RoundTripper.
func (c *specCheckingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	reqBody, err := readBody(req)
	if err != nil {
		return nil, err
	}
	out := withBody(req, reqBody)
	resp, err := c.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	respBody, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))

	var problems []string
	label := req.Method + " " + req.URL.Path
	op, operation, rerr := c.spec.route(withBody(req, reqBody))
	if rerr != nil {
		problems = append(problems, fmt.Sprintf("%s: %v", label, rerr))
	} else {
		problems = append(problems, prefixed("request", c.spec.validateRequest(op, req, reqBody))...)
		if operation != nil && !declaresStatus(operation.Responses, resp.StatusCode) {
			if !c.allowUndeclaredStatus {
				problems = append(problems, fmt.Sprintf("%s: status %d is not declared by the spec (body %s)", op, resp.StatusCode, respBody))
			}
		} else {
			copyResp := *resp
			copyResp.Body = io.NopCloser(bytes.NewReader(respBody))
			problems = append(problems, prefixed("response", c.spec.checkResponse(withBody(req, reqBody), &copyResp))...)
		}
	}

	c.mu.Lock()
	c.problems = append(c.problems, problems...)
	if rerr == nil {
		c.seen[op]++
	}
	c.mu.Unlock()
	return resp, nil
}

// Problems lists every deviation seen so far.
func (c *specCheckingTransport) Problems() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.problems...)
}

// Seen reports how many exchanges each operation had.
func (c *specCheckingTransport) Seen() map[opKey]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[opKey]int, len(c.seen))
	for k, v := range c.seen {
		out[k] = v
	}
	return out
}

func prefixed(kind string, lines []string) []string {
	for i, l := range lines {
		lines[i] = kind + ": " + l
	}
	return lines
}

// declaresStatus reports whether responses declares code, exactly, by
// range (such as 2XX) or by default.
func declaresStatus(responses *v3.Responses, code int) bool {
	if responses == nil {
		return false
	}
	if responses.Default != nil {
		return true
	}
	if responses.Codes == nil {
		return false
	}
	exact := strconv.Itoa(code)
	wildcard := exact[:1] + "XX"
	for c := range responses.Codes.KeysFromOldest() {
		if c == exact || strings.EqualFold(c, wildcard) {
			return true
		}
	}
	return false
}
