package workos

// FloorUnsealAccessToken exposes floorUnseal (unseal_bench_test.go) to the
// external test package, for the authkit Middleware benchmark's floor.
func FloorUnsealAccessToken(sealed, password string) (string, bool) {
	s, ok := floorUnseal(sealed, password)
	if !ok {
		return "", false
	}
	return s.AccessToken, true
}

// MedianPaired exposes medianPaired (unseal_bench_test.go) to the external
// test package.
var MedianPaired = medianPaired
