#pragma once
// RAII over the SQLite handles MBTiles needs: a connection and prepared
// statements; every failure throws with the file and SQLite's message.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace riskmap {

class SqliteStatement;

class SqliteDatabase {
 public:
  SqliteDatabase(const std::filesystem::path& file, int flags);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  void exec(const std::string& sql);
  SqliteStatement prepare(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& file() const { return file_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

class SqliteStatement {
 public:
  SqliteStatement(const SqliteDatabase& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& o) noexcept : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)) {}
  ~SqliteStatement() { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& bind(int i, std::int64_t v);
  SqliteStatement& bind(int i, std::string_view text);
  SqliteStatement& bindBlob(int i, std::string_view bytes);
  bool step();  // true: a row is ready
  void run();   // steps to the end and resets, keeping the bindings' slots
  void reset();
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const;
  std::string blob(int col) const;

 private:
  const SqliteDatabase* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace riskmap
