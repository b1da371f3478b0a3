using System.Runtime.CompilerServices;

// The journal's record format and segments are tested directly (torn writes, compaction).
[assembly: InternalsVisibleTo("ProSaaS.MediaHost.Tests")]
