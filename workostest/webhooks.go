package workostest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/kestrel-dev/workos"
)

// WebhookDelivery is the outcome of one webhook POST.
type WebhookDelivery struct {
	// EventID and Event name the event delivered.
	EventID, Event string
	// Status is the endpoint's HTTP status, 0 when the request failed.
	Status int
	// Err is the transport error, nil when the endpoint answered.
	Err error
}

// webhookSink delivers recorded events, one at a time and in order, to
// the endpoint set with SendWebhooksTo. It has its own lock, never held
// while Server.mu is wanted, so recording (under Server.mu) can enqueue.
type webhookSink struct {
	mu        sync.Mutex
	cond      *sync.Cond
	url       string
	secret    string
	queue     []*eventRec
	busy      bool
	closed    bool
	started   bool
	done      chan struct{}
	delivered []WebhookDelivery
	ctx       context.Context
	cancel    context.CancelFunc
}

func newWebhookSink() *webhookSink {
	h := &webhookSink{done: make(chan struct{})}
	h.cond = sync.NewCond(&h.mu)
	h.ctx, h.cancel = context.WithCancel(context.Background())
	return h
}

// SendWebhooksTo makes the server POST every event it records from now on
// to url, signed with secret exactly as WorkOS signs deliveries: the raw
// event JSON as body and a WorkOS-Signature header "t=<ms>, v1=<hex
// HMAC-SHA256 of "<ms>.<body>">" stamped with the server's clock (Now).
// Deliveries go one at a time, in the order the events happened, from a
// background goroutine; a failed delivery is recorded (see
// WebhookDeliveries) and not retried. Calling it again changes the
// endpoint for events not yet sent. Close stops delivery.
func (s *Server) SendWebhooksTo(url, secret string) {
	h := s.hooks
	h.mu.Lock()
	defer h.mu.Unlock()
	h.url, h.secret = url, secret
	if !h.started && !h.closed {
		h.started = true
		go s.deliverWebhooks()
	}
}

// FlushWebhooks waits until every event recorded so far has been
// delivered (or the server is closed), so a test can check its endpoint's
// effects without sleeping.
func (s *Server) FlushWebhooks() {
	h := s.hooks
	h.mu.Lock()
	defer h.mu.Unlock()
	for h.started && !h.closed && (len(h.queue) > 0 || h.busy) {
		h.cond.Wait()
	}
}

// WebhookDeliveries returns the outcome of every webhook POST so far, in
// order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	h := s.hooks
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]WebhookDelivery(nil), h.delivered...)
}

// enqueue queues ev for delivery once an endpoint is set.
func (h *webhookSink) enqueue(ev *eventRec) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.url == "" || h.closed {
		return
	}
	h.queue = append(h.queue, ev)
	h.cond.Broadcast()
}

// close stops the delivery goroutine, abandoning what is queued, and waits
// for it.
func (h *webhookSink) close() {
	h.mu.Lock()
	h.closed = true
	started := h.started
	h.cond.Broadcast()
	h.mu.Unlock()
	h.cancel()
	if started {
		<-h.done
	}
}

// deliverWebhooks is the delivery goroutine.
func (s *Server) deliverWebhooks() {
	h := s.hooks
	defer close(h.done)
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		h.mu.Lock()
		for len(h.queue) == 0 && !h.closed {
			h.cond.Wait()
		}
		if h.closed {
			h.mu.Unlock()
			return
		}
		ev := h.queue[0]
		h.queue = h.queue[1:]
		h.busy = true
		url, secret := h.url, h.secret
		h.mu.Unlock()

		d := s.post(h.ctx, client, url, secret, ev)

		h.mu.Lock()
		h.delivered = append(h.delivered, d)
		h.busy = false
		h.cond.Broadcast()
		h.mu.Unlock()
	}
}

// post sends one signed delivery of ev.
func (s *Server) post(ctx context.Context, client *http.Client, url, secret string, ev *eventRec) WebhookDelivery {
	d := WebhookDelivery{EventID: ev.id, Event: ev.event}
	body, err := json.Marshal(ev.json())
	if err != nil {
		d.Err = err
		return d
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		d.Err = err
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "workostest-webhooks")
	req.Header.Set(workos.WebhookSignatureHeader, workos.SignWebhook(s.Now(), body, secret))
	resp, err := client.Do(req)
	if err != nil {
		d.Err = err
		return d
	}
	// Reading the (small) reply to its end lets the next delivery reuse
	// the connection instead of dialing again.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	d.Status = resp.StatusCode
	return d
}
