module github.com/kestrel-dev/workos

go 1.24

require (
	github.com/google/go-querystring v1.2.0 // indirect
	github.com/jarcoal/httpmock v1.4.2 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
