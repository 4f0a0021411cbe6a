package request

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPathEscapesEveryValueAndRedactsSecrets(t *testing.T) {
	tests := []struct {
		name     string
		template string
		secret   map[string]bool
		values   []string
		want     string
		wantLog  string
	}{
		{"no placeholders", "/user_management/users", nil, nil, "/user_management/users", "/user_management/users"},
		{"plain id", "/user_management/users/{id}", nil, []string{"user_123"}, "/user_management/users/user_123", "/user_management/users/user_123"},
		{"dot dot slash cannot climb", "/user_management/users/{id}", nil, []string{"../x"}, "/user_management/users/..%2Fx", "/user_management/users/..%2Fx"},
		{"slash stays in segment", "/user_management/users/{id}", nil, []string{"a/b"}, "/user_management/users/a%2Fb", "/user_management/users/a%2Fb"},
		{"query and fragment characters", "/x/{id}", nil, []string{"a b?c#d"}, "/x/a%20b%3Fc%23d", "/x/a%20b%3Fc%23d"},
		{"percent is escaped", "/x/{id}", nil, []string{"%2e%2e"}, "/x/%252e%252e", "/x/%252e%252e"},
		{"two placeholders, one secret", "/orgs/{org}/tokens/{token}/use", map[string]bool{"token": true}, []string{"org_1", "tok_SECRET"}, "/orgs/org_1/tokens/tok_SECRET/use", "/orgs/org_1/tokens/REDACTED/use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, log, err := Path(tt.template, tt.secret, tt.values...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantLog, log)
		})
	}
}

func TestPathRefusesUnusableValues(t *testing.T) {
	tests := []struct {
		name     string
		template string
		values   []string
		missing  bool
		msg      string
	}{
		{"empty", "/users/{id}", []string{""}, true, "id is required"},
		{"blank", "/users/{id}", []string{"  "}, true, "id is required"},
		{"dot", "/users/{id}", []string{"."}, true, `id may not be "."`},
		{"dot dot", "/users/{id}", []string{".."}, true, `id may not be ".."`},
		{"too few values", "/users/{id}", nil, false, `path template "/users/{id}": no value for id`},
		{"too many values", "/users/{id}", []string{"a", "b"}, false, `path template "/users/{id}": 2 values for 1 placeholders`},
		{"unclosed brace", "/users/{id", []string{"a"}, false, `bad path template "/users/{id"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Path(tt.template, nil, tt.values...)
			require.Error(t, err)
			assert.Equal(t, tt.msg, err.Error())
			assert.Equal(t, tt.missing, errors.Is(err, ErrMissingParam))
		})
	}
}

type queryParams struct {
	Email    string   `url:"email,omitempty"`
	Statuses []string `url:"statuses,comma,omitempty"`
	Limit    int      `url:"limit,omitempty"`
	Tags     []string `url:"tags,omitempty"`
}

func TestQueryEncodesTaggedStruct(t *testing.T) {
	got, err := Query(&queryParams{Email: "a+b@example.com", Statuses: []string{"active", "pending"}, Limit: 5, Tags: []string{"x", "y"}})
	require.NoError(t, err)
	assert.Equal(t, "email=a%2Bb%40example.com&limit=5&statuses=active,pending&tags=x&tags=y", got)

	got, err = Query(queryParams{})
	require.NoError(t, err)
	assert.Equal(t, "", got)
}

func TestQueryOfNothingIsEmpty(t *testing.T) {
	got, err := Query(nil)
	require.NoError(t, err)
	assert.Equal(t, "", got)

	var p *queryParams
	got, err = Query(p)
	require.NoError(t, err)
	assert.Equal(t, "", got)
}

func TestQueryRejectsNonStruct(t *testing.T) {
	_, err := Query(42)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "encode query:")
}

func BenchmarkPath(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = Path("/user_management/users/{id}", nil, "user_01H")
	}
}
