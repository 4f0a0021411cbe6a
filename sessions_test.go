package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sessionsPageJSON = `{
  "object": "list",
  "data": [
    {
      "object": "session",
      "id": "session_01H93ZY4F80QPBEZ1R5B2SHQG8",
      "impersonator": {"email": "admin@foocorp.com", "reason": "Investigating an issue with the customer's account."},
      "ip_address": "198.51.100.42",
      "organization_id": "org_01H945H0YD4F97JN9MATX7BYAG",
      "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)",
      "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
      "auth_method": "sso",
      "status": "active",
      "expires_at": "2026-01-15T12:00:00.000Z",
      "ended_at": null,
      "created_at": "2026-01-14T12:00:00.000Z",
      "updated_at": "2026-01-14T13:00:00.000Z"
    },
    {
      "object": "session",
      "id": "session_01H93ZY4F80QPBEZ1R5B2SHQG9",
      "ip_address": null,
      "user_agent": null,
      "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
      "auth_method": "quantum_link",
      "status": "revoked",
      "expires_at": "2026-01-10T12:00:00.000Z",
      "ended_at": "2026-01-09T08:30:00.000Z",
      "created_at": "2026-01-09T07:00:00.000Z",
      "updated_at": "2026-01-09T08:30:00.000Z"
    }
  ],
  "list_metadata": {"before": null, "after": "session_01H93ZY4F80QPBEZ1R5B2SHQG9"}
}`

func TestListSessions_SendsCursorQueryAndDecodesEverySessionField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, sessionsPageJSON})
	page, err := c.UserManagement.ListSessions(context.Background(), "user_01E4/ZCR",
		ListSessionsParams{ListParams: ListParams{After: "session_0", Limit: 2, Order: OrderAsc}}).Page()
	require.NoError(t, err)

	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01E4%2FZCR/sessions", "after=session_0&limit=2&order=asc", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	assert.Equal(t, "list", page.Object)
	assert.Nil(t, page.ListMetadata.Before)
	require.NotNil(t, page.ListMetadata.After)
	assert.Equal(t, "session_01H93ZY4F80QPBEZ1R5B2SHQG9", *page.ListMetadata.After)
	require.Len(t, page.Data, 2)

	s := page.Data[0]
	assert.Equal(t, "session", s.Object)
	assert.Equal(t, "session_01H93ZY4F80QPBEZ1R5B2SHQG8", s.ID)
	require.NotNil(t, s.Impersonator)
	assert.Equal(t, "admin@foocorp.com", s.Impersonator.Email)
	require.NotNil(t, s.Impersonator.Reason)
	assert.Equal(t, "Investigating an issue with the customer's account.", *s.Impersonator.Reason)
	require.NotNil(t, s.IPAddress)
	assert.Equal(t, "198.51.100.42", *s.IPAddress)
	assert.Equal(t, "org_01H945H0YD4F97JN9MATX7BYAG", s.OrganizationID)
	require.NotNil(t, s.UserAgent)
	assert.Equal(t, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", *s.UserAgent)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", s.UserID)
	assert.Equal(t, SessionAuthMethodSSO, s.AuthMethod)
	assert.Equal(t, SessionStatusActive, s.Status)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), s.ExpiresAt)
	assert.Nil(t, s.EndedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-14T12:00:00Z"), s.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-14T13:00:00Z"), s.UpdatedAt)

	ended := page.Data[1]
	assert.Nil(t, ended.Impersonator)
	assert.Nil(t, ended.IPAddress)
	assert.Nil(t, ended.UserAgent)
	assert.Empty(t, ended.OrganizationID)
	assert.Equal(t, SessionAuthMethod("quantum_link"), ended.AuthMethod, "unknown enum values decode as-is")
	assert.Equal(t, SessionStatusRevoked, ended.Status)
	require.NotNil(t, ended.EndedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-09T08:30:00Z"), *ended.EndedAt)
}

func TestListSessions_UnknownUserIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "User not found: 'user_missing'."}`})
	_, err := c.UserManagement.ListSessions(context.Background(), "user_missing", ListSessionsParams{}).Page()
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "User not found: 'user_missing'.")
}

func TestRevokeSession_PostsOnlySessionID(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, ``})
	resp, err := c.UserManagement.RevokeSession(context.Background(), RevokeSessionParams{SessionID: "session_01H93ZY4F80QPBEZ1R5B2SHQG8"})
	require.NoError(t, err)
	assertResponseMeta(t, resp, http.StatusOK)
	got := onlyRequest(t, sent)
	assertRequest(t, got, http.MethodPost, "/user_management/sessions/revoke", "", `{"session_id": "session_01H93ZY4F80QPBEZ1R5B2SHQG8"}`)
	assert.NotEmpty(t, got.Header.Get("Idempotency-Key"), "POSTs carry an idempotency key")
}

func TestRevokeSession_BadRequestCarriesMessage(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusBadRequest, `{"message": "Session not found."}`})
	_, err := c.UserManagement.RevokeSession(context.Background(), RevokeSessionParams{SessionID: "session_gone"})
	assertAPIError(t, err, ErrBadRequest, http.StatusBadRequest, "", "Session not found.")
}

func TestSession_ReencodeKeepsEveryField(t *testing.T) {
	assertReencodeKeepsFields[Page[Session]](t, sessionsPageJSON)
}
