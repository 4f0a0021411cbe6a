package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const authFactorsPageJSON = `{
  "object": "list",
  "data": [
    {
      "object": "authentication_factor",
      "id": "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ",
      "type": "totp",
      "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
      "totp": {"issuer": "WorkOS", "user": "user@example.com"},
      "created_at": "2026-01-15T12:00:00.000Z",
      "updated_at": "2026-01-15T12:30:00.000Z"
    },
    {
      "object": "authentication_factor",
      "id": "auth_factor_02",
      "type": "sms",
      "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
      "sms": {"phone_number": "+15005550006"},
      "created_at": "2026-01-16T12:00:00.000Z",
      "updated_at": "2026-01-16T12:00:00.000Z"
    }
  ],
  "list_metadata": {"before": null, "after": null}
}`

func TestListAuthFactors_DecodesTOTPAndSMSFactors(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, authFactorsPageJSON})
	page, err := c.UserManagement.ListAuthFactors(context.Background(), "user_01E4/ZCR", ListAuthFactorsParams{ListParams: ListParams{Limit: 5}}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01E4%2FZCR/auth_factors", "limit=5", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.Len(t, page.Data, 2)

	totp := page.Data[0]
	assert.Equal(t, "authentication_factor", totp.Object)
	assert.Equal(t, "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ", totp.ID)
	assert.Equal(t, AuthenticationFactorTypeTOTP, totp.Type)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", totp.UserID)
	assert.Nil(t, totp.SMS)
	assert.Equal(t, &TOTPFactor{Issuer: "WorkOS", User: "user@example.com"}, totp.TOTP)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), totp.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), totp.UpdatedAt)

	sms := page.Data[1]
	assert.Equal(t, AuthenticationFactorTypeSMS, sms.Type)
	assert.Nil(t, sms.TOTP)
	assert.Equal(t, &SMSFactor{PhoneNumber: "+15005550006"}, sms.SMS)
	assertReencodeKeepsFields[Page[AuthenticationFactor]](t, authFactorsPageJSON)
}

const enrollFactorJSON = `{
  "authentication_factor": {
    "object": "authentication_factor",
    "id": "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ",
    "type": "totp",
    "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
    "totp": {
      "issuer": "Acme",
      "user": "ada@example.com",
      "secret": "JBSWY3DPEHPK3PXP",
      "qr_code": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==",
      "uri": "otpauth://totp/Acme:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme"
    },
    "created_at": "2026-01-15T12:00:00.000Z",
    "updated_at": "2026-01-15T12:00:00.000Z"
  },
  "authentication_challenge": {
    "object": "authentication_challenge",
    "id": "auth_challenge_01FVYZ5QM8N98T9ME5BCB2BBMJ",
    "expires_at": "2026-01-15T12:10:00.000Z",
    "code": "123456",
    "authentication_factor_id": "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ",
    "created_at": "2026-01-15T12:00:00.000Z",
    "updated_at": "2026-01-15T12:00:01.000Z"
  }
}`

func TestEnrollAuthFactor_PostsTOTPBodyAndDecodesFactorAndChallenge(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusCreated, enrollFactorJSON})
	res, err := c.UserManagement.EnrollAuthFactor(context.Background(), "user_01E4/ZCR", EnrollAuthFactorParams{
		TOTPIssuer: "Acme",
		TOTPUser:   "ada@example.com",
		TOTPSecret: "JBSWY3DPEHPK3PXP",
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/users/user_01E4%2FZCR/auth_factors", "",
		`{"type": "totp", "totp_issuer": "Acme", "totp_user": "ada@example.com", "totp_secret": "JBSWY3DPEHPK3PXP"}`)
	assertResponseMeta(t, res.LastResponse, http.StatusCreated)

	f := res.AuthenticationFactor
	assert.Equal(t, "authentication_factor", f.Object)
	assert.Equal(t, "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ", f.ID)
	assert.Equal(t, AuthenticationFactorTypeTOTP, f.Type)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", f.UserID)
	assert.Nil(t, f.SMS)
	assert.Equal(t, &TOTPFactor{
		Issuer: "Acme",
		User:   "ada@example.com",
		Secret: "JBSWY3DPEHPK3PXP",
		QRCode: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==",
		URI:    "otpauth://totp/Acme:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme",
	}, f.TOTP)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), f.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), f.UpdatedAt)

	ch := res.AuthenticationChallenge
	assert.Equal(t, "authentication_challenge", ch.Object)
	assert.Equal(t, "auth_challenge_01FVYZ5QM8N98T9ME5BCB2BBMJ", ch.ID)
	require.NotNil(t, ch.ExpiresAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:10:00Z"), *ch.ExpiresAt)
	assert.Equal(t, "123456", ch.Code)
	assert.Equal(t, "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ", ch.AuthenticationFactorID)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), ch.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:01Z"), ch.UpdatedAt)
	assertReencodeKeepsFields[EnrollAuthFactorResponse](t, enrollFactorJSON)
}

func TestEnrollAuthFactor_WithNoOptionsSendsOnlyTheType(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusCreated, enrollFactorJSON})
	_, err := c.UserManagement.EnrollAuthFactor(context.Background(), "user_1", EnrollAuthFactorParams{})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/users/user_1/auth_factors", "", `{"type": "totp"}`)
}

func TestEnrollAuthFactor_RejectedEnrollmentIsUnprocessable(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusUnprocessableEntity, `{"message": "TOTP secret is not valid Base32."}`})
	_, err := c.UserManagement.EnrollAuthFactor(context.Background(), "user_1", EnrollAuthFactorParams{TOTPSecret: "not base32!"})
	apiErr := assertAPIError(t, err, ErrUnprocessable, http.StatusUnprocessableEntity, "", "TOTP secret is not valid Base32.")
	assert.NotContains(t, apiErr.Error(), "not base32!", "the submitted secret is never echoed")
}
