package workos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// usersUserJSON is a user shaped like the spec's example, every field set.
const usersUserJSON = `{
	"object": "user",
	"id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"first_name": "Marcelina",
	"last_name": "Davis",
	"name": "Marcelina Davis",
	"profile_picture_url": "https://workoscdn.com/images/v1/123abc",
	"email": "marcelina.davis@example.com",
	"email_verified": true,
	"external_id": "f1ffa2b2-c20b-4d39-be5c-212726e11222",
	"metadata": {"timezone": "America/New_York"},
	"last_sign_in_at": "2025-06-25T19:07:33.155Z",
	"locale": "en-US",
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-16T08:30:00.000Z"
}`

// usersAssertUser checks every field of a user decoded from usersUserJSON.
func usersAssertUser(t *testing.T, u User) {
	t.Helper()
	assert.Equal(t, "user", u.Object)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", u.ID)
	assert.Equal(t, String("Marcelina"), u.FirstName)
	assert.Equal(t, String("Davis"), u.LastName)
	assert.Equal(t, String("Marcelina Davis"), u.Name)
	assert.Equal(t, String("https://workoscdn.com/images/v1/123abc"), u.ProfilePictureURL)
	assert.Equal(t, "marcelina.davis@example.com", u.Email)
	assert.True(t, u.EmailVerified)
	assert.Equal(t, String("f1ffa2b2-c20b-4d39-be5c-212726e11222"), u.ExternalID)
	assert.Equal(t, map[string]string{"timezone": "America/New_York"}, u.Metadata)
	require.NotNil(t, u.LastSignInAt)
	assert.True(t, mustParseTime(t, "2025-06-25T19:07:33.155Z").Equal(*u.LastSignInAt))
	assert.Equal(t, String("en-US"), u.Locale)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(u.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-16T08:30:00Z").Equal(u.UpdatedAt))
}

func TestListUsers_SendsFiltersAndDecodesPage(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[` + usersUserJSON + `],"list_metadata":{"before":null,"after":"user_02"}}`})
	page, err := c.UserManagement.ListUsers(context.Background(), ListUsersParams{
		ListParams:     ListParams{Limit: 5, Order: OrderAsc},
		Email:          "marcelina.davis@example.com",
		OrganizationID: "org_123",
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/users",
		"email=marcelina.davis%40example.com&limit=5&order=asc&organization_id=org_123", "")
	assert.Equal(t, "list", page.Object)
	require.Len(t, page.Data, 1)
	usersAssertUser(t, page.Data[0])
	assert.Nil(t, page.ListMetadata.Before)
	assert.Equal(t, String("user_02"), page.ListMetadata.After)
	assertResponseMeta(t, page.LastResponse, 200)
}

func TestGetUser_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, usersUserJSON})
	u, err := c.UserManagement.GetUser(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", "", "")
	usersAssertUser(t, *u)
	assertResponseMeta(t, u.LastResponse, 200)
}

func TestGetUser_DecodesNullsAsNil(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{200, `{"object":"user","id":"user_1","first_name":null,"last_name":null,
		"profile_picture_url":null,"email":"a@example.com","email_verified":false,"external_id":null,
		"last_sign_in_at":null,"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z"}`})
	u, err := c.UserManagement.GetUser(context.Background(), "user_1")
	require.NoError(t, err)
	assert.Nil(t, u.FirstName)
	assert.Nil(t, u.LastName)
	assert.Nil(t, u.Name)
	assert.Nil(t, u.ProfilePictureURL)
	assert.Nil(t, u.ExternalID)
	assert.Nil(t, u.LastSignInAt)
	assert.Nil(t, u.Locale)
	assert.Nil(t, u.Metadata)
	assert.False(t, u.EmailVerified)
}

func TestGetUser_EmptyIDSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.GetUser(context.Background(), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "id")
	assert.Empty(t, sent())
}

func TestCreateUser_SendsEveryFieldAndDecodesUser(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, strings.Replace(usersUserJSON, `"object": "user",`, `"object": "user", "radar_auth_attempt_id": "radar_att_01",`, 1)})
	res, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{
		Email:         "marcelina.davis@example.com",
		Password:      PlainPassword("strong_password_123!"),
		FirstName:     String("Marcelina"),
		LastName:      String("Davis"),
		Name:          String("Marcelina Davis"),
		EmailVerified: Bool(false),
		Metadata:      map[string]string{"timezone": "America/New_York"},
		ExternalID:    "f1ffa2b2-c20b-4d39-be5c-212726e11222",
		IPAddress:     "203.0.113.42",
		UserAgent:     "Mozilla/5.0",
		SignalsID:     "01JBS0GN92GC2RJQS4X9DBPQ2A",
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users", "", `{
		"email": "marcelina.davis@example.com",
		"password": "strong_password_123!",
		"first_name": "Marcelina",
		"last_name": "Davis",
		"name": "Marcelina Davis",
		"email_verified": false,
		"metadata": {"timezone": "America/New_York"},
		"external_id": "f1ffa2b2-c20b-4d39-be5c-212726e11222",
		"ip_address": "203.0.113.42",
		"user_agent": "Mozilla/5.0",
		"signals_id": "01JBS0GN92GC2RJQS4X9DBPQ2A"
	}`)
	usersAssertUser(t, res.User)
	assert.Equal(t, "radar_att_01", res.RadarAuthAttemptID)
	assertResponseMeta(t, res.LastResponse, 201)
	assert.Same(t, res.LastResponse, res.User.LastResponse)
}

func TestCreateUser_EncodesPasswordOrHashNeverBoth(t *testing.T) {
	for _, tc := range []struct {
		name     string
		password PasswordInput
		body     string
	}{
		{"none", nil, `{"email":"a@example.com"}`},
		{"plain", PlainPassword("hunter2hunter2"), `{"email":"a@example.com","password":"hunter2hunter2"}`},
		{"bcrypt hash", PasswordHash{Hash: "$2a$10$N9qo8uLOickgx2ZMRZoMye", Type: PasswordHashTypeBcrypt},
			`{"email":"a@example.com","password_hash":"$2a$10$N9qo8uLOickgx2ZMRZoMye","password_hash_type":"bcrypt"}`},
		{"ssha256 with salt prefix", PasswordHash{Hash: "c2FsdGVkaGFzaA==", Type: PasswordHashTypeSSHA256, SaltPosition: PasswordSaltPositionPrefix},
			`{"email":"a@example.com","password_hash":"c2FsdGVkaGFzaA==","password_hash_type":"ssha256","password_salt_position":"prefix"}`},
		{"unlisted hash type", PasswordHash{Hash: "h", Type: PasswordHashType("md5-crypt")},
			`{"email":"a@example.com","password_hash":"h","password_hash_type":"md5-crypt"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{201, usersUserJSON})
			_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "a@example.com", Password: tc.password})
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users", "", tc.body)
		})
	}
}

func TestCreateUser_RejectsBadInputWithoutSending(t *testing.T) {
	tooMany := map[string]string{}
	for i := range 51 {
		tooMany[fmt.Sprintf("k%d", i)] = "v"
	}
	for _, tc := range []struct {
		name   string
		params CreateUserParams
	}{
		{"empty email", CreateUserParams{Email: "  "}},
		{"empty plain password", CreateUserParams{Email: "a@example.com", Password: PlainPassword("")}},
		{"hash without type", CreateUserParams{Email: "a@example.com", Password: PasswordHash{Hash: "h"}}},
		{"type without hash", CreateUserParams{Email: "a@example.com", Password: PasswordHash{Type: PasswordHashTypeBcrypt}}},
		{"51 metadata keys", CreateUserParams{Email: "a@example.com", Metadata: tooMany}},
		{"41-character metadata key", CreateUserParams{Email: "a@example.com", Metadata: map[string]string{strings.Repeat("k", 41): "v"}}},
		{"601-character metadata value", CreateUserParams{Email: "a@example.com", Metadata: map[string]string{"k": strings.Repeat("é", 601)}}},
		{"129-character external id", CreateUserParams{Email: "a@example.com", ExternalID: strings.Repeat("x", 129)}},
		{"non-ASCII external id", CreateUserParams{Email: "a@example.com", ExternalID: "crm-ü"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.UserManagement.CreateUser(context.Background(), tc.params)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.Empty(t, sent())
		})
	}
}

func TestCreateUser_AcceptsMetadataAtTheLimits(t *testing.T) {
	m := map[string]string{strings.Repeat("k", 40): strings.Repeat("é", 600)}
	for i := range 49 {
		m[fmt.Sprintf("k%d", i)] = "v"
	}
	c, sent := newRecordingClient(t, cannedReply{201, usersUserJSON})
	_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "a@example.com", Metadata: m, ExternalID: strings.Repeat("x", 128)})
	require.NoError(t, err)
	assert.Len(t, sent(), 1)
}

func TestCreateUser_PasswordStrengthErrorCarriesFieldErrors(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"password_strength_error","message":"Password does not meet strength requirements.",
		"errors":[{"code":"password_too_short","message":"Password must be at least 10 characters."}]}`})
	_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "a@example.com", Password: PlainPassword("short-secret")})
	apiErr := assertAPIError(t, err, ErrBadRequest, 400, "password_strength_error", "Password does not meet strength requirements.")
	assert.Equal(t, []FieldError{{Code: "password_too_short", Message: "Password must be at least 10 characters."}}, apiErr.Errors)
	assert.NotContains(t, err.Error(), "short-secret")
}

func TestPlainPassword_NeverPrints(t *testing.T) {
	p := PlainPassword("s3cret-pass")
	params := CreateUserParams{Email: "a@example.com", Password: p}
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%s %q %v %#v", p, p, p, p), fmt.Sprintf("%+v %#v", params, params)} {
		assert.NotContains(t, s, "s3cret-pass")
	}
	c, _ := newRecordingClient(t)
	_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "", Password: p})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "s3cret-pass")
}

func TestCreateUser_DebugLogHidesPasswordAndHash(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, sent := newRecordingClient(t, cannedReply{201, usersUserJSON})
	for _, pw := range []PasswordInput{PlainPassword("s3cret-pass"), PasswordHash{Hash: "$2a$10$secrethash", Type: PasswordHashTypeBcrypt}} {
		_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "a@example.com", Password: pw}, WithLogger(logger))
		require.NoError(t, err)
	}
	assert.Len(t, sent(), 2)
	assert.Contains(t, logs.String(), "a@example.com")
	assert.NotContains(t, logs.String(), "s3cret-pass")
	assert.NotContains(t, logs.String(), "secrethash")
}

func TestGetUserByExternalID_EscapesPathAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, usersUserJSON})
	u, err := c.UserManagement.GetUserByExternalID(context.Background(), "crm/42 x")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/users/external_id/crm%2F42%20x", "", "")
	usersAssertUser(t, *u)
	assertResponseMeta(t, u.LastResponse, 200)
}

func TestGetUserByExternalID_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"User not found: 'crm_42'."}`})
	u, err := c.UserManagement.GetUserByExternalID(context.Background(), "crm_42")
	assert.Nil(t, u)
	assertAPIError(t, err, ErrNotFound, 404, "", "User not found: 'crm_42'.")
}

func TestUpdateUser_SendsOnlySetFieldsAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, usersUserJSON})
	u, err := c.UserManagement.UpdateUser(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5", UpdateUserParams{
		Email:         "marcelina.davis@example.com",
		FirstName:     String("Marcelina"),
		LastName:      String("Davis"),
		Name:          String("Marcelina Davis"),
		EmailVerified: Bool(true),
		Password:      PasswordHash{Hash: "$2a$10$abc", Type: PasswordHashTypeBcrypt},
		Metadata:      map[string]Nullable[string]{"timezone": Value("America/New_York"), "tier": Null[string]()},
		ExternalID:    Value("f1ffa2b2-c20b-4d39-be5c-212726e11222"),
		Locale:        Value(LocaleEnglishUS),
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "PUT", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", "", `{
		"email": "marcelina.davis@example.com",
		"first_name": "Marcelina",
		"last_name": "Davis",
		"name": "Marcelina Davis",
		"email_verified": true,
		"password_hash": "$2a$10$abc",
		"password_hash_type": "bcrypt",
		"metadata": {"timezone": "America/New_York", "tier": null},
		"external_id": "f1ffa2b2-c20b-4d39-be5c-212726e11222",
		"locale": "en-US"
	}`)
	usersAssertUser(t, *u)
	assertResponseMeta(t, u.LastResponse, 200)
}

func TestUpdateUser_SendsNullOnlyWhenAskedTo(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params UpdateUserParams
		body   string
	}{
		{"zero params send an empty object", UpdateUserParams{}, `{}`},
		{"empty metadata map is left out", UpdateUserParams{Metadata: map[string]Nullable[string]{}}, `{}`},
		{"null external id clears it", UpdateUserParams{ExternalID: Null[string]()}, `{"external_id":null}`},
		{"null locale clears it", UpdateUserParams{Locale: Null[Locale]()}, `{"locale":null}`},
		{"null metadata value deletes the key", UpdateUserParams{Metadata: map[string]Nullable[string]{"tier": Null[string]()}}, `{"metadata":{"tier":null}}`},
		{"plain password", UpdateUserParams{Password: PlainPassword("new-password-123")}, `{"password":"new-password-123"}`},
		{"empty strings are sent when pointed to", UpdateUserParams{FirstName: String("")}, `{"first_name":""}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, usersUserJSON})
			_, err := c.UserManagement.UpdateUser(context.Background(), "user_1", tc.params)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "PUT", "/user_management/users/user_1", "", tc.body)
		})
	}
}

func TestUpdateUser_RejectsBadInputWithoutSending(t *testing.T) {
	tooMany := map[string]Nullable[string]{}
	for i := range 51 {
		tooMany[fmt.Sprintf("k%d", i)] = Null[string]()
	}
	for _, tc := range []struct {
		name   string
		params UpdateUserParams
	}{
		{"unset metadata value would send null by accident", UpdateUserParams{Metadata: map[string]Nullable[string]{"tier": {}}}},
		{"51 metadata keys", UpdateUserParams{Metadata: tooMany}},
		{"601-character metadata value", UpdateUserParams{Metadata: map[string]Nullable[string]{"k": Value(strings.Repeat("v", 601))}}},
		{"41-character metadata key", UpdateUserParams{Metadata: map[string]Nullable[string]{strings.Repeat("k", 41): Null[string]()}}},
		{"non-ASCII external id", UpdateUserParams{ExternalID: Value("ü")}},
		{"empty external id", UpdateUserParams{ExternalID: Value("")}},
		{"empty locale", UpdateUserParams{Locale: Value(Locale(""))}},
		{"empty plain password", UpdateUserParams{Password: PlainPassword("")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.UserManagement.UpdateUser(context.Background(), "user_1", tc.params)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.Empty(t, sent())
		})
	}
}

func TestDeleteUser_SendsDelete(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, ""})
	resp, err := c.UserManagement.DeleteUser(context.Background(), "user_1")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "DELETE", "/user_management/users/user_1", "", "")
	assertResponseMeta(t, resp, 200)
}

func TestDeleteUser_ConflictWhenDeletionNotAllowed(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{409, `{"code":"user_deletion_not_allowed","message":"User cannot be deleted."}`})
	_, err := c.UserManagement.DeleteUser(context.Background(), "user_1")
	assertAPIError(t, err, ErrConflict, 409, "user_deletion_not_allowed", "User cannot be deleted.")
	assert.False(t, errors.Is(err, ErrNotFound))
}
