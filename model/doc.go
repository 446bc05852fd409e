// Package model holds the domain of a Record of Processing Activities
// (UK GDPR Article 30): organisations, processing activities, reviews, and the
// code values, validation and compliance rules that apply to them.
//
// It is the ground floor of ROPA Desk: it imports the standard library and
// uuid only, never a database or a GUI toolkit, so every rule can be tested
// as plain logic.
package model
