package article

// The tests call the rules' functions directly, not through an entry point.
func init() { ready() }
