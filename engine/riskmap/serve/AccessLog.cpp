#include "riskmap/serve/AccessLog.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include "riskmap/core/Error.hpp"

namespace riskmap {

AccessLog::AccessLog(const std::string& target) : out_(stderr), owned_(false) {
  if (target == "-") return;
  out_ = std::fopen(target.c_str(), "a");
  if (!out_) throw UserError(target + ": cannot open the access log: " + std::strerror(errno));
  owned_ = true;
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(out_);
}

std::string AccessLog::format(std::string_view client, std::string_view requestLine, int status, long long bytes,
                              long long epochSeconds) {
  const std::time_t t = static_cast<std::time_t>(epochSeconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char when[40];
  std::strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &utc);  // "C" locale month names
  std::string line;
  line.reserve(96 + requestLine.size());
  line.append(client.empty() ? "-" : client).append(" - - [").append(when).append("] \"");
  for (char c : requestLine) {  // a request line is the client's: quote what would break the format
    if (c == '"' || c == '\\') line.push_back('\\');
    line.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  }
  line.append("\" ").append(std::to_string(status)).append(" ").append(bytes < 0 ? "-" : std::to_string(bytes));
  return line;
}

void AccessLog::write(std::string_view client, std::string_view requestLine, int status, long long bytes) {
  const long long now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string line = format(client, requestLine, status, bytes, now) + "\n";
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace riskmap
