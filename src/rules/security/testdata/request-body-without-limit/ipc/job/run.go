package job

import "example.com/ipc/jobapi"

// Run starts the job's API on its own socket before running the job.
func Run(socketPath string) error {
	return jobapi.Start(socketPath)
}
