package model

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, so callers can branch on the kind of failure while the user
// reads the message.
const (
	ECONFLICT = "conflict"
	EINTERNAL = "internal"
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
	EREADONLY = "read_only"
)

// Error is an application error: a machine code and a message written for
// the DPO. The message is what the UI shows; anything technical is wrapped
// elsewhere and logged.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return EINVALID
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the message of an
// *Error or ValidationErrors in its chain, or a generic sentence otherwise.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return v.Error()
	}
	return "An internal error occurred: " + err.Error()
}

// FieldError says what is wrong with one field. Field is the field's JSON
// path (for example "lawful_bases[1].reason"), so the UI can put the message
// beside the widget and an importer can name the column.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationErrors is every problem Validate found, in field order.
type ValidationErrors []FieldError

func (v ValidationErrors) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// For returns the messages that concern field, or its sub-fields.
func (v ValidationErrors) For(field string) []string {
	var out []string
	for _, e := range v {
		if e.Field == field || strings.HasPrefix(e.Field, field+".") || strings.HasPrefix(e.Field, field+"[") {
			out = append(out, e.Message)
		}
	}
	return out
}

// orNil turns an empty list into a nil error, so callers can test err != nil.
func (v ValidationErrors) orNil() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

func (v *ValidationErrors) add(field, format string, args ...any) {
	*v = append(*v, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}
