// Package ui holds ROPA Desk's Fyne screens. It talks to the register
// through the small interfaces declared here, so it never imports the store
// and its tests can run against any implementation.
package ui

import (
	"context"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Register is what the screens need from an open register file. The
// store's *DB satisfies it; cmd/ropa hands it over.
type Register interface {
	Path() string
	ReadOnly() string
	Close() error

	Organisations(ctx context.Context) ([]model.Organisation, error)
	Organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error)
	CreateOrganisation(ctx context.Context, o *model.Organisation) error
	UpdateOrganisation(ctx context.Context, o *model.Organisation) error
	DeleteOrganisation(ctx context.Context, id uuid.UUID) error

	ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error)
	Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error)
	CreateActivity(ctx context.Context, a *model.Activity) error
	UpdateActivity(ctx context.Context, a *model.Activity) error
	DeleteActivity(ctx context.Context, id uuid.UUID) error
	Suggestions(ctx context.Context, field string) ([]string, error)

	Register(ctx context.Context) (*model.Register, error)
	EachActivity(ctx context.Context, fn func(a *model.Activity, org *model.Organisation) error) error
	Apply(ctx context.Context, ch model.Changes) error
}

// Opener creates and opens register files; cmd/ropa wires it to the store.
type Opener interface {
	Create(ctx context.Context, path string) (Register, error)
	Open(ctx context.Context, path string) (Register, error)
}
