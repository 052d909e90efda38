#include "riskmap/import/TextDecoder.hpp"

#include <cpl_string.h>

namespace riskmap {

bool isValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80) n = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 1;
    else if ((c & 0xF0) == 0xE0) n = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 3;
    else return false;
    if (i + n >= s.size() && n > 0) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

std::string TextDecoder::decode(const char* raw) const {
  if (!raw) return {};
  const bool utf8 = encoding_.empty() ? isValidUtf8(raw)
                                      : EQUAL(encoding_.c_str(), "UTF-8") || EQUAL(encoding_.c_str(), "UTF8");
  if (utf8) return raw;
  const char* from = encoding_.empty() ? "GB18030" : encoding_.c_str();
  char* recoded = CPLRecode(raw, from, CPL_ENC_UTF8);
  std::string out = recoded ? recoded : "";
  CPLFree(recoded);
  return out;
}

}  // namespace riskmap
