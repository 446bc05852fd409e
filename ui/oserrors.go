package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ropadesk/ropadesk/model"
)

// errorMessage is what the DPO reads for err: the message of a model error,
// or, for the operating system's commonest refusals, a plain sentence that
// names the file and its folder, instead of model's "An internal error
// occurred" with a Go error string: a file held open by another program
// (Excel keeps its workbooks locked on Windows), a path that does not
// exist (a moved folder, a disconnected drive or share), and a file the
// DPO may not change.
func errorMessage(err error) string {
	var me *model.Error
	if err == nil || errors.As(err, &me) || model.ErrorCode(err) != model.EINTERNAL {
		return model.ErrorMessage(err)
	}
	path, errno := failedPath(err)
	if path == "" {
		return model.ErrorMessage(err)
	}
	where := filepath.Base(path) + " (in " + filepath.Dir(path) + ")"
	switch {
	case inUseByAnotherProgram(errno):
		return "ROPA Desk cannot use " + where + " because it is open in another program, Excel perhaps. Close it there and try again."
	case errors.Is(err, fs.ErrNotExist):
		return "ROPA Desk cannot find " + where + ". The file or its folder may have been moved or renamed, or the drive or network share is not connected."
	case errors.Is(err, fs.ErrPermission):
		return "ROPA Desk is not allowed to change " + where + ". It may be open in another program, read-only, or in a folder you cannot write to. Close it elsewhere or choose another folder."
	}
	return model.ErrorMessage(err)
}

// failedPath is the file an operating-system error is about, and its
// error number: the destination of a failed rename (what the DPO chose).
func failedPath(err error) (string, error) {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.New, le.Err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path, pe.Err
	}
	return "", nil
}
