package main

import (
	"context"
	"errors"
	"io"
)

type recordCmd struct {
	getenv func(string) string
}

func (c *recordCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("record: not yet")
}
