package workos

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParity_EventsAndWebhooksRowsNameExistingGo checks the Go column of
// the Events and Webhooks section of docs/PARITY.md: each `Type.Method`
// must be a method and each bare name an exported function.
func TestParity_EventsAndWebhooksRowsNameExistingGo(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("docs", "PARITY.md"))
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(raw), "## Events and Webhooks")
	require.True(t, ok, "docs/PARITY.md has an Events and Webhooks section")
	section, _, _ = strings.Cut(section, "\n## ")

	methods := map[string]reflect.Type{"EventsService": reflect.TypeOf(&EventsService{}), "Event": reflect.TypeOf(&Event{})}
	funcs := map[string]bool{"ConstructWebhookEvent": true, "VerifyWebhookHeader": true, "ComputeWebhookSignature": true,
		"SignWebhook": true, "WebhookHandler": true}
	// The functions exist because this compiles.
	_, _, _, _, _ = ConstructWebhookEvent, VerifyWebhookHeader, ComputeWebhookSignature, SignWebhook, WebhookHandler

	row := regexp.MustCompile(`(?m)^\| [^|]+ \| (.*?) \|`)
	name := regexp.MustCompile("`([A-Z][A-Za-z]*)(?:\\.([A-Z][A-Za-z]*))?`")
	rows := row.FindAllStringSubmatch(section, -1)
	require.Len(t, rows, 8, "the header and 7 rows")
	checked := 0
	for _, r := range rows[1:] {
		for _, m := range name.FindAllStringSubmatch(r[1], -1) {
			switch typ, ok := methods[m[1]]; {
			case m[2] != "" && ok:
				_, found := typ.MethodByName(m[2])
				assert.True(t, found, "%s.%s does not exist", m[1], m[2])
				checked++
			case m[2] == "" && funcs[m[1]]:
				checked++
			}
		}
	}
	assert.Equal(t, 15, checked, "Go names checked")
}
