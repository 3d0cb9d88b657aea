package platform

import "testing"

func TestSyncedOrNetwork(t *testing.T) {
	env := map[string]string{
		"OneDrive":           `C:\Users\ann\OneDrive - Northshire Council`,
		"OneDriveCommercial": `C:\Users\ann\OneDrive - Northshire Council`,
		"OneDriveConsumer":   `D:\Personal\SkyDrive`,
	}
	getenv := func(k string) string { return env[k] }
	for _, c := range []struct{ path, want string }{
		// On this computer's own disk.
		{`C:\Users\ann\AppData\Local\permanence\permanence.db`, ""},
		{`C:\Users\ann\Documents and Settings\panel store.db`, ""},
		{`D:\Panel\permanence.db`, ""},
		{`\\?\C:\Users\ann\AppData\Local\permanence\permanence.db`, ""},
		{"/home/ann/.config/permanence/permanence.db", ""},
		{`C:\Users\ann\OneDrive.db`, ""},             // a file, not a folder
		{`C:\Users\ann\OneDriveBackup\panel.db`, ""}, // not OneDrive's folder
		{`C:\Users\ann\Dropboxes\panel.db`, ""},      // nor Dropbox's
		{`C:\Users\ann\OneDrive - Northshire`, ""},   // a file beside the folder
		{`C:\Users\bob\Documents\panel.db`, ""},      // another user's documents: not under %OneDrive%
		{`D:\Personal\SkyDriveOld\panel.db`, ""},     // only the folder itself and what is inside it
		{`C:\Users\ann\Dropbox-notes\panel.db`, ""},  // a name that begins like Dropbox
		{`C:\Users\ann\Google Drive.db`, ""},         // a file
		{`C:\Users\ann\My Drive stuff\panel.db`, ""}, // not Google's folder
		{`C:\Users\ann\iCloudDrive2\panel.db`, ""},   // not iCloud's
		{`relative\panel.db`, ""},                    // made absolute by RiskyPlace first
		{`panel.db`, ""},                             // one name
		{``, ""},                                     // nothing
		{`C:\`, ""},                                  // a drive's root
		{`\\.\C:\panel\permanence.db`, ""},           // the device namespace of a local drive
		{`C:\Users\ann\Documents\OneDrive notes.txt`, ""},
		// Network shares.
		{`\\fileserver\children$\panel\permanence.db`, `on a network share (\\fileserver\children$)`},
		{`//fileserver/team/panel.db`, `on a network share (\\fileserver\team)`},
		{`\\?\UNC\fileserver\team\panel.db`, `on a network share (\\fileserver\team)`},
		{`\\?\unc\fs01\home\ann\panel.db`, `on a network share (\\fs01\home)`},
		{`\\nas`, `on a network share (\\nas)`},
		// OneDrive, by its environment variables, in any case and with
		// either separator.
		{`C:\Users\ann\OneDrive - Northshire Council\Panel\permanence.db`, `in a folder that OneDrive syncs (C:\Users\ann\OneDrive - Northshire Council)`},
		{`c:\users\ANN\onedrive - northshire council\permanence.db`, `in a folder that OneDrive syncs (C:\Users\ann\OneDrive - Northshire Council)`},
		{`C:/Users/ann/OneDrive - Northshire Council/Desktop/panel.db`, `in a folder that OneDrive syncs (C:\Users\ann\OneDrive - Northshire Council)`},
		{`D:\Personal\SkyDrive\panel.db`, `in a folder that OneDrive syncs (D:\Personal\SkyDrive)`},
		// Sync clients' folders by name.
		{`C:\Users\bob\OneDrive\panel.db`, `in a folder that OneDrive syncs (C:\Users\bob\OneDrive)`},
		{`E:\OneDrive - Contoso\Panel\panel.db`, `in a folder that OneDrive syncs (E:\OneDrive - Contoso)`},
		{`C:\Users\ann\Dropbox\Panel\permanence.db`, `in a folder that Dropbox syncs (C:\Users\ann\Dropbox)`},
		{`C:\Users\ann\Dropbox (Northshire)\permanence.db`, `in a folder that Dropbox syncs (C:\Users\ann\Dropbox (Northshire))`},
		{`G:\My Drive\panel.db`, `in a folder that Google Drive syncs (G:\My Drive)`},
		{`C:\Users\ann\Google Drive\panel.db`, `in a folder that Google Drive syncs (C:\Users\ann\Google Drive)`},
		{`C:\Users\ann\iCloudDrive\panel.db`, `in a folder that iCloud Drive syncs (C:\Users\ann\iCloudDrive)`},
		{"/home/ann/Dropbox/panel/permanence.db", "in a folder that Dropbox syncs (/home/ann/Dropbox)"},
		{`\\?\C:\Users\ann\Dropbox\x.db`, `in a folder that Dropbox syncs (C:\Users\ann\Dropbox)`},
	} {
		if got := SyncedOrNetwork(c.path, getenv); got != c.want {
			t.Errorf("SyncedOrNetwork(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// Without OneDrive's variables (a machine without the client), its folder
// is still known by its name, and nothing else is taken for it.
func TestSyncedOrNetworkNoEnvironment(t *testing.T) {
	none := func(string) string { return "" }
	for _, c := range []struct{ path, want string }{
		{`C:\Users\ann\OneDrive - Northshire Council\panel.db`, `in a folder that OneDrive syncs (C:\Users\ann\OneDrive - Northshire Council)`},
		{`C:\Users\ann\Documents\panel.db`, ""},
		{`D:\Personal\SkyDrive\panel.db`, ""},
	} {
		if got := SyncedOrNetwork(c.path, none); got != c.want {
			t.Errorf("SyncedOrNetwork(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}
