package workos

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSendRadarChallenge_PostsBodyAndNeverLogsThePendingToken(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, sent := newRecordingClientWith(t, []Option{WithLogger(logger)}, cannedReply{http.StatusCreated, `{"verification_id": "vrf_01HXYZ123456789ABCDEFGHIJ", "phone_number": "+15555550123"}`})
	res, err := c.UserManagement.SendRadarChallenge(context.Background(), SendRadarChallengeParams{
		UserID:                     "user_01E4ZCR3C56J083X43JQXF3JK5",
		PendingAuthenticationToken: "pat_secret_cTDQJTTkTkkVYxbn",
		PhoneNumber:                "+15555550123",
		IPAddress:                  "203.0.113.42",
		UserAgent:                  "Mozilla/5.0",
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/radar_challenges", "",
		`{"user_id": "user_01E4ZCR3C56J083X43JQXF3JK5", "pending_authentication_token": "pat_secret_cTDQJTTkTkkVYxbn", "phone_number": "+15555550123", "ip_address": "203.0.113.42", "user_agent": "Mozilla/5.0"}`)
	assertResponseMeta(t, res.LastResponse, http.StatusCreated)
	assert.Equal(t, "vrf_01HXYZ123456789ABCDEFGHIJ", res.VerificationID)
	assert.Equal(t, "+15555550123", res.PhoneNumber)
	assert.Contains(t, logs.String(), "radar_challenges", "the request was logged")
	assert.NotContains(t, logs.String(), "pat_secret_cTDQJTTkTkkVYxbn")
}

func TestSendRadarChallenge_RejectedTokenErrorDoesNotEchoIt(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusBadRequest, `{"code": "invalid_pending_authentication_token", "message": "Invalid pending authentication token."}`})
	_, err := c.UserManagement.SendRadarChallenge(context.Background(), SendRadarChallengeParams{
		UserID: "user_1", PendingAuthenticationToken: "pat_secret_zzz", PhoneNumber: "+15555550123",
	})
	apiErr := assertAPIError(t, err, ErrBadRequest, http.StatusBadRequest, "invalid_pending_authentication_token", "Invalid pending authentication token.")
	assert.NotContains(t, apiErr.Error(), "pat_secret_zzz")
}

const radarChallengeJSON = `{
  "object": "radar_challenge",
  "id": "radar_challenge_01HWZBQZY2M3AMQW166Q22K88F",
  "type": "email",
  "user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
  "email": "marcelina.davis@example.com",
  "expires_at": "2026-01-15T12:10:00.000Z",
  "created_at": "2026-01-15T12:00:00.000Z",
  "updated_at": "2026-01-15T12:00:01.000Z",
  "code": "123456"
}`

func TestGetRadarChallenge_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, radarChallengeJSON})
	ch, err := c.UserManagement.GetRadarChallenge(context.Background(), "radar_challenge_01/HW")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/radar_challenges/radar_challenge_01%2FHW", "", "")
	assertResponseMeta(t, ch.LastResponse, http.StatusOK)
	assert.Equal(t, "radar_challenge", ch.Object)
	assert.Equal(t, "radar_challenge_01HWZBQZY2M3AMQW166Q22K88F", ch.ID)
	assert.Equal(t, "email", ch.Type)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", ch.UserID)
	assert.Equal(t, "marcelina.davis@example.com", ch.Email)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:10:00Z"), ch.ExpiresAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), ch.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:01Z"), ch.UpdatedAt)
	assert.Equal(t, "123456", ch.Code)
	assertReencodeKeepsFields[RadarChallenge](t, radarChallengeJSON)
}

func TestGetRadarChallenge_UnknownChallengeIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "Radar challenge not found."}`})
	_, err := c.UserManagement.GetRadarChallenge(context.Background(), "radar_challenge_missing")
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "Radar challenge not found.")
}
