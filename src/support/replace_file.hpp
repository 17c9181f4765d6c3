#pragma once
// Replacing the contents of a file (`qualify fmt`) so that no failure, signal or crash leaves
// half a file, a stray temporary file, or a write through a link someone planted.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace qpl {

struct WriteFileError {
  std::string message;  // "permission denied", "the file is read-only", ...
};

// Replaces the contents of the file `path` names (a symbolic link named by `path` is followed:
// the file it points to is rewritten, the link stays). The text is written to a temporary file
// created exclusively with a random name in that file's folder (so a link planted at any name is
// never followed), flushed to disk and renamed over the file; it keeps the file's mode and owner.
// The temporary file is removed on any error and when SIGINT, SIGTERM or SIGHUP stop the process.
//
// A file with more than one hard link, or one whose owner a new file could not be given, is
// rewritten in place instead (a rename would split the links or change the owner): its old text
// is first saved in such a temporary file, signals are held during the write, and the old text
// is put back if the write fails. The copy is removed afterwards; only a crash mid-write leaves
// it (the error names it when it could not be removed).
//
// One call at a time (the signal handlers track one temporary file); `qualify fmt` writes files
// one after the other.
// `before_commit`, for tests, runs once the temporary file is complete, just before the rename
// or the in-place write.
std::optional<WriteFileError> replace_file(const std::string& path, std::string_view text,
                                           const std::function<void()>& before_commit = {});

}  // namespace qpl
