#pragma once
// Rows of a related table (a plant's inventory kept in its own CSV, say)
// grouped by the key that names their parent feature, served as JSON arrays.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "riskmap/import/RejectTable.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

class RelatedRows {
 public:
  // Throws UserError naming the file and field when the table or a mapped
  // field is missing.
  static RelatedRows load(const RelatedTableSpec& spec, const std::string& layerName);

  // The JSON array of the rows whose key equals parentKey ("[]" when none).
  std::string take(const std::string& parentKey);

  // Rows whose key matched no feature, as rejects; call after the layer's loop.
  std::vector<RejectRecord> orphans() const { return orphans({}, {}); }

  // The same when the table is shared by several layers: a row is an orphan
  // only when no layer took its key. takenElsewhere: the keys the other
  // layers took; layers: every layer sharing the table, for the reason.
  std::vector<RejectRecord> orphans(const std::set<std::string>& takenElsewhere,
                                    const std::vector<std::string>& layers) const;

  // Which table this is (source, layer, key): layers whose related tables
  // have the same identity share their rows' parents.
  std::string tableId() const;
  // The parent keys this layer's features asked for.
  std::set<std::string> takenKeys() const;
  const std::string& layerName() const { return layerName_; }
  // How the table's text encoding was decided (for the import balance).
  const std::string& encodingNote() const { return encodingNote_; }

  const RelatedTableSpec& spec() const { return spec_; }
  long long rowCount() const { return rows_; }

 private:
  RelatedTableSpec spec_;
  std::string layerName_;
  std::string encodingNote_;
  std::map<std::string, std::vector<std::string>> byKey_;  // key -> JSON objects
  std::map<std::string, std::vector<long long>> fids_;
  std::map<std::string, bool> taken_;
  long long rows_ = 0;
};

}  // namespace riskmap
