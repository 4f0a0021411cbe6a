package conformance

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIgnoresDropOnlyWhatTheyName sends requests next to each entry of
// validatorIgnores: the case the entry explains must pass, and its
// neighbours must still be reported, so an ignore cannot quietly grow.
func TestIgnoresDropOnlyWhatTheyName(t *testing.T) {
	spec := loadSpec(t)
	authorize := testBaseURL + "/user_management/authorize?client_id=" + testClientID +
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code&provider=authkit"
	cases := []struct {
		name, method, url, body string
		bearer                  bool
		// want is a text the problems must contain; "" means no problem.
		want string
	}{
		{"public refresh grant without a bearer", "POST", testBaseURL + "/user_management/authenticate",
			`{"grant_type":"refresh_token","client_id":"` + testClientID + `","refresh_token":"rt"}`, false, ""},
		{"confidential password grant without a bearer or secret", "POST", testBaseURL + "/user_management/authenticate",
			`{"grant_type":"password","client_id":"` + testClientID + `","email":"a@example.com","password":"pw"}`, false, "authorization header was not found"},
		{"null metadata value on update", "PUT", testBaseURL + "/user_management/users/" + testUserID,
			`{"metadata":{"plan":null}}`, true, ""},
		{"null email on update", "PUT", testBaseURL + "/user_management/users/" + testUserID,
			`{"email":null}`, true, "email"},
		{"null metadata value on create", "POST", testBaseURL + "/user_management/users",
			`{"email":"a@example.com","metadata":{"plan":null}}`, true, "metadata"},
		{"bracketed provider_query_params", "GET", authorize + "&provider_query_params%5Bhd%5D=example.com", "", false, ""},
		{"another undeclared authorize parameter", "GET", authorize + "&hd=example.com", "", false, "hd"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problems := recordOne(t, spec, tc.method, tc.url, tc.body, tc.bearer)
			if tc.want == "" {
				assert.Empty(t, problems)
			} else {
				assert.Contains(t, strings.ToLower(problems), tc.want)
			}
		})
	}
}
