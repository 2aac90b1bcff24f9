package people

// SetSmallBucket lets a test send every filtered board query down the
// large-bucket path; it returns the restore.
func SetSmallBucket(n int) func() {
	old := smallBucket
	smallBucket = n
	return func() { smallBucket = old }
}
