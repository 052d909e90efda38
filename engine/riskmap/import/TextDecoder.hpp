#pragma once
// Source text to UTF-8. Chinese attribute data often arrives in GBK with no
// declaration of it (a Shapefile without .cpg, an Excel CSV export), so the
// default is to keep valid UTF-8 and read anything else as GB18030, the
// superset of GBK and GB2312.
#include <string>
#include <string_view>

namespace riskmap {

bool isValidUtf8(std::string_view text);

class TextDecoder {
 public:
  static TextDecoder autoDetect() { return TextDecoder(""); }
  static TextDecoder from(const std::string& encoding) { return TextDecoder(encoding); }

  std::string decode(const char* raw) const;
  const std::string& encoding() const { return encoding_; }  // empty: auto

 private:
  explicit TextDecoder(std::string encoding) : encoding_(std::move(encoding)) {}
  std::string encoding_;
};

}  // namespace riskmap
