package main

import (
	"context"
	"errors"
	"io"
)

type newCmd struct {
	getenv func(string) string
}

func (c *newCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("new: not yet")
}
