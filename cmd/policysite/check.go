package main

import (
	"context"
	"errors"
	"io"
)

type checkCmd struct {
	getenv func(string) string
}

func (c *checkCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("check: not yet")
}
