package store

// SetVolumeKind makes every register in the test look as if it were on a
// network drive (network true) or a local disk, restoring the real
// detector when the test ends.
func SetVolumeKind(cleanup func(func()), network bool) {
	old := detectVolume
	detectVolume = func(string) volumeKind {
		if network {
			return volumeNetwork
		}
		return volumeLocal
	}
	cleanup(func() { detectVolume = old })
}
