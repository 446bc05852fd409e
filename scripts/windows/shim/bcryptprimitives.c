/*
 * bcryptprimitives.dll for Wine 8, which has none.
 *
 * Go 1.24 and later take their random numbers from ProcessPrng in
 * bcryptprimitives.dll (Go's runtime/os_windows.go loads it from system32
 * at start-up and throws "bcryptprimitives.dll not found" without it).
 * Windows 10 and 11 ship the DLL; Debian's Wine 8.0 does not (Wine added
 * it in 9.x). This shim exists only so the Windows test binaries and the
 * app can run under Wine 8 in CI: scripts/windows/test-wine.sh builds it
 * and copies it into the Wine prefix's system32. It is never installed
 * on a real Windows machine and never part of the MSI.
 *
 * ProcessPrng fills the buffer from BCryptGenRandom with the system's
 * preferred generator, the same source Windows' own ProcessPrng uses.
 * Windows documents ProcessPrng as always returning TRUE; a failure here
 * is a broken Wine, so the process is stopped instead of handing Go
 * predictable bytes.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk,
						    BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			ExitProcess(0xC0000001); /* STATUS_UNSUCCESSFUL */
		data += chunk;
		len -= chunk;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
