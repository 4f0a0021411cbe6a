package workostest_test

import (
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPasswordResetThroughTheInbox(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "old password"})
	pr := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/password_reset", map[string]any{"email": u.Email}))
	assert.Equal(t, "password_reset", pr.Body["object"])
	mail, ok := srv.LastEmail(u.Email)
	require.True(t, ok)
	assert.Equal(t, workostest.EmailPasswordReset, mail.Kind)
	assert.Equal(t, pr.Body["password_reset_token"], mail.Token)
	assert.Equal(t, pr.Body["password_reset_url"], mail.URL)
	got := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/password_reset/"+pr.str(t, "id"), nil))
	assert.JSONEq(t, string(pr.Raw), string(got.Raw))

	bad := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": "nope", "new_password": "new password"}))
	assert.Equal(t, "password_reset_error", bad.Body["code"])
	assert.Len(t, bad.Body["errors"], 1)
	done := fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": mail.Token, "new_password": "new password"}))
	assert.Equal(t, u.ID, done.obj(t, "user")["id"])
	fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "new password"}))
	fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": mail.Token, "new_password": "another one"}))
	fakeExpect(t, 404, fakeAPI(t, srv, "POST", "/user_management/password_reset", map[string]any{"email": "nobody@example.com"}))
}

func TestEmailVerificationAndEmailChangeThroughTheInbox(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	taken := srv.CreateUser(workostest.NewUser{Email: "taken@example.com"})
	base := "/user_management/users/" + u.ID

	sent := fakeExpect(t, 200, fakeAPI(t, srv, "POST", base+"/email_verification/send", nil))
	assert.Equal(t, false, sent.obj(t, "user")["email_verified"])
	mail, _ := srv.LastEmail(u.Email)
	assert.Equal(t, workostest.EmailVerification, mail.Kind)
	wrong := fakeExpect(t, 400, fakeAPI(t, srv, "POST", base+"/email_verification/confirm", map[string]any{"code": "x"}))
	assert.Equal(t, "email_verification_code_incorrect", wrong.Body["code"])
	ok := fakeExpect(t, 200, fakeAPI(t, srv, "POST", base+"/email_verification/confirm", map[string]any{"code": mail.Code}))
	assert.Equal(t, true, ok.obj(t, "user")["email_verified"])
	assert.Equal(t, "email_already_verified", fakeExpect(t, 400, fakeAPI(t, srv, "POST", base+"/email_verification/send", nil)).Body["code"])

	assert.Equal(t, "email_not_available", fakeExpect(t, 409, fakeAPI(t, srv, "POST", base+"/email_change/send", map[string]any{"new_email": taken.Email})).Body["code"])
	assert.Equal(t, "no_pending_email_change", fakeExpect(t, 409, fakeAPI(t, srv, "POST", base+"/email_change/confirm", map[string]any{"code": "123456"})).Body["code"])
	ch := fakeExpect(t, 200, fakeAPI(t, srv, "POST", base+"/email_change/send", map[string]any{"new_email": "ada@new.example"}))
	assert.Equal(t, "email_change", ch.Body["object"])
	assert.Equal(t, "ada@new.example", ch.Body["new_email"])
	mail, found := srv.LastEmail("ada@new.example")
	require.True(t, found, "the code goes to the new address")
	assert.Equal(t, workostest.EmailChange, mail.Kind)
	done := fakeExpect(t, 200, fakeAPI(t, srv, "POST", base+"/email_change/confirm", map[string]any{"code": mail.Code}))
	assert.Equal(t, "email_change_confirmation", done.Body["object"])
	assert.Equal(t, "ada@new.example", done.obj(t, "user")["email"])
}
