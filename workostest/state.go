package workostest

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// state is everything the server remembers. Every field is guarded by
// Server.mu.
type state struct {
	clockSet bool
	frozen   time.Time

	faults   []*Fault
	requests []Request

	requireEmailVerification bool
	authorizeUser            string
	lastUserCode             string
	slowDowns                int
	featureFlags             []string

	users            map[string]*userRec
	orgs             map[string]*orgRec
	domains          map[string]*domainRec
	roles            map[string]*roleRec // by roleKey
	memberships      map[string]*membershipRec
	invitations      map[string]*invitationRec
	magicAuths       map[string]*oneTimeCodeRec
	resets           map[string]*passwordResetRec
	verifications    map[string]*oneTimeCodeRec
	sessions         map[string]*sessionRec
	refresh          map[string]*refreshRec
	codes            map[string]*authCodeRec
	devices          map[string]*deviceRec // by device code
	pending          map[string]*pendingRec
	factors          map[string]*factorRec
	challenges       map[string]*challengeRec
	corsOrigins      map[string]*corsOriginRec
	redirectURIs     map[string]*redirectURIRec
	apiKeys          map[string]*apiKeyRec
	connected        map[string]*connectedAccountRec // by user|slug|org
	radar            map[string]*radarChallengeRec
	authorizedApps   map[string]*authorizedAppRec
	jwtTemplate      *jwtTemplateRec
	emails           []Email
	events           []*eventRec
	idempotent       map[string]*storedReply
	idempotencyLocks map[string]*sync.Mutex
}

func newState() *state {
	return &state{
		users:            map[string]*userRec{},
		orgs:             map[string]*orgRec{},
		domains:          map[string]*domainRec{},
		roles:            map[string]*roleRec{},
		memberships:      map[string]*membershipRec{},
		invitations:      map[string]*invitationRec{},
		magicAuths:       map[string]*oneTimeCodeRec{},
		resets:           map[string]*passwordResetRec{},
		verifications:    map[string]*oneTimeCodeRec{},
		sessions:         map[string]*sessionRec{},
		refresh:          map[string]*refreshRec{},
		codes:            map[string]*authCodeRec{},
		devices:          map[string]*deviceRec{},
		pending:          map[string]*pendingRec{},
		factors:          map[string]*factorRec{},
		challenges:       map[string]*challengeRec{},
		corsOrigins:      map[string]*corsOriginRec{},
		redirectURIs:     map[string]*redirectURIRec{},
		apiKeys:          map[string]*apiKeyRec{},
		connected:        map[string]*connectedAccountRec{},
		radar:            map[string]*radarChallengeRec{},
		authorizedApps:   map[string]*authorizedAppRec{},
		idempotent:       map[string]*storedReply{},
		idempotencyLocks: map[string]*sync.Mutex{},
	}
}

// values returns the values of m, in no particular order.
func values[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// idOf returns the ID of any record with an id field, for paginate.
func idOf[T interface{ getID() string }](t T) string { return t.getID() }

// sortByID sorts xs by the ID key returns (IDs sort in creation order).
func sortByID[T any](xs []T, key func(T) string) {
	slices.SortFunc(xs, func(a, b T) int { return strings.Compare(key(a), key(b)) })
}
