/*
 * bcryptprimitives.dll for Wine: test scaffolding for .ci/windows.sh,
 * built there with mingw-w64 and copied into the test's own Wine prefix.
 * It is never part of the Windows package.
 *
 * Go (1.24 and later) on Windows reads random bytes from ProcessPrng in
 * bcryptprimitives.dll, as Windows 10 and 11 have it; Debian 12's Wine
 * (8.0) has no such export, so a Go program stops at start-up under it.
 * ProcessPrng here fills the buffer from advapi32's SystemFunction036
 * (RtlGenRandom), which Wine has. Real Windows never loads this file.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
