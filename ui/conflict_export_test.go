package ui

import "fyne.io/fyne/v2/widget"

// ControllerEmail is the controller's email on the Organisations screen.
func (s *OrganisationsScreen) ControllerEmail() *widget.Entry { return s.controller.email }
