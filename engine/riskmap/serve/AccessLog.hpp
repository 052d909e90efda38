#pragma once
// One line per answered request in the Common Log Format (NCSA httpd, as
// Apache's "common" LogFormat: %h %l %u %t \"%r\" %>s %b), which every log
// analyser reads:
//   127.0.0.1 - - [29/Nov/2026:20:01:02 +0000] "GET /tiles/13/6843/3366.png HTTP/1.1" 200 10342
// Lines are written whole under a mutex and flushed, so lines of concurrent
// requests never interleave.
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

namespace riskmap {

class AccessLog {
 public:
  // "-": standard error; else the file, appended to (UserError if it cannot be opened).
  explicit AccessLog(const std::string& target);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // bytes < 0: no body ("-", as for 204 and 304).
  void write(std::string_view client, std::string_view requestLine, int status, long long bytes);
  // The line itself, for a time in seconds since the epoch (UTC).
  static std::string format(std::string_view client, std::string_view requestLine, int status, long long bytes,
                            long long epochSeconds);

 private:
  std::FILE* out_;
  bool owned_;
  std::mutex mutex_;
};

}  // namespace riskmap
