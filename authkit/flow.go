package authkit

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kestrel-dev/workos"
)

// maxFlows is how many sign-ins one browser may have under way at once;
// starting another expires the oldest, so flow cookies cannot pile up
// into an oversized Cookie header (authkit-tanstack-start#76).
const maxFlows = 3

// flow is one sign-in under way, sealed into its own short-lived cookie.
type flow struct {
	State    string `json:"s"`
	Verifier string `json:"v"`
	ReturnTo string `json:"r"`
	Issued   int64  `json:"t"`
}

// deriveFlowKey makes the AES-256 key of the flow cookies from the cookie
// password. They are read only by this package, so they use AES-GCM rather
// than the iron seal the session cookie shares with Node.
func deriveFlowKey(password string) []byte {
	key, err := hkdf.Key(sha256.New, []byte(password), nil, "workos authkit sign-in flow v1", 32)
	if err != nil {
		panic(err) // only for a length sha256 cannot produce
	}
	return key
}

func (k *AuthKit) flowAEAD() cipher.AEAD {
	block, _ := aes.NewCipher(k.flowKey)
	aead, _ := cipher.NewGCM(block)
	return aead
}

func (k *AuthKit) flowPrefix() string { return k.cfg.Cookie.Name + "-flow-" }

// flowCookieName names the cookie of the flow whose state is state: the
// first 8 bytes of its SHA-256, so a callback finds its own flow among
// several tabs signing in at once.
func (k *AuthKit) flowCookieName(state string) string {
	sum := sha256.Sum256([]byte(state))
	return k.flowPrefix() + hex.EncodeToString(sum[:8])
}

func (k *AuthKit) sealFlow(name string, f flow) string {
	plain, _ := json.Marshal(f)
	aead := k.flowAEAD()
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	_, _ = rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, plain, []byte(name)))
}

func (k *AuthKit) openFlow(name, value string) (flow, bool) {
	var f flow
	raw, err := base64.RawURLEncoding.DecodeString(value)
	aead := k.flowAEAD()
	if err != nil || len(raw) < aead.NonceSize() {
		return f, false
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(name))
	if err != nil || json.Unmarshal(plain, &f) != nil {
		return f, false
	}
	return f, true
}

func (k *AuthKit) flowCookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, Secure: k.secure, HttpOnly: true, SameSite: http.SameSiteLaxMode}
}

// signInOptions are the inputs of a redirect to AuthKit.
type signInOptions struct {
	returnTo       string
	organizationID string
	loginHint      string
	screenHint     workos.ScreenHint
	forceSignIn    bool
}

// redirectToSignIn starts a sign-in: it sets the flow cookie (expiring the
// oldest flows beyond maxFlows) and answers 303 to AuthKit.
func (k *AuthKit) redirectToSignIn(w http.ResponseWriter, r *http.Request, o signInOptions) {
	pair := workos.GeneratePKCE()
	var b [32]byte
	_, _ = rand.Read(b[:])
	state := base64.RawURLEncoding.EncodeToString(b[:])
	params := workos.GetAuthorizationURLParams{
		RedirectURI: k.cfg.RedirectURI, Provider: workos.AuthorizationProviderAuthKit, State: state,
		OrganizationID: o.organizationID, LoginHint: o.loginHint, ScreenHint: o.screenHint, CodeChallenge: pair.CodeChallenge,
	}
	if o.forceSignIn {
		params.MaxAge = new(int)
	}
	u, err := k.cfg.Client.UserManagement.GetAuthorizationURL(params)
	if err != nil {
		k.cfg.Logger.ErrorContext(r.Context(), "authkit: building the sign-in URL", slog.String("error", err.Error()))
		http.Error(w, "sign-in is not available", http.StatusInternalServerError)
		return
	}
	k.expireOldFlows(w, r)
	name := k.flowCookieName(state)
	f := flow{State: state, Verifier: pair.CodeVerifier, ReturnTo: o.returnTo, Issued: k.cfg.Now().Unix()}
	http.SetCookie(w, k.flowCookie(name, k.sealFlow(name, f), int(k.cfg.FlowTTL/time.Second)))
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// expireOldFlows keeps at most maxFlows-1 flow cookies before a new one is
// added, expiring the oldest and any that do not open.
func (k *AuthKit) expireOldFlows(w http.ResponseWriter, r *http.Request) {
	type seen struct {
		name   string
		issued int64
	}
	var flows []seen
	for _, c := range r.Cookies() {
		if !strings.HasPrefix(c.Name, k.flowPrefix()) {
			continue
		}
		f, ok := k.openFlow(c.Name, c.Value)
		if !ok {
			http.SetCookie(w, k.flowCookie(c.Name, "", -1))
			continue
		}
		flows = append(flows, seen{c.Name, f.Issued})
	}
	slices.SortFunc(flows, func(a, b seen) int { return int(b.issued - a.issued) })
	for _, f := range flows[min(len(flows), maxFlows-1):] {
		http.SetCookie(w, k.flowCookie(f.name, "", -1))
	}
}

// takeFlow finds the flow a callback's state belongs to, and expires its
// cookie. It reports false when the browser has no such flow (started in
// another browser, already used, or expired) or the state differs.
func (k *AuthKit) takeFlow(w http.ResponseWriter, r *http.Request, state string) (flow, bool) {
	if state == "" || len(state) > 512 {
		return flow{}, false
	}
	name := k.flowCookieName(state)
	c, err := r.Cookie(name)
	if err != nil {
		return flow{}, false
	}
	http.SetCookie(w, k.flowCookie(name, "", -1))
	f, ok := k.openFlow(name, c.Value)
	if !ok || subtle.ConstantTimeCompare([]byte(f.State), []byte(state)) != 1 {
		return flow{}, false
	}
	age := k.cfg.Now().Sub(time.Unix(f.Issued, 0))
	if age > k.cfg.FlowTTL || age < -time.Minute {
		return flow{}, false
	}
	return f, true
}
