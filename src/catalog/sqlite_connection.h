// SqliteConnection: a small RAII wrapper over one sqlite3 connection, its
// prepared statements and transactions - the one place SQLite's C API and
// result codes become Status.
//
// Connections are opened with a busy timeout, so processes that share a
// database file wait for each other's write transactions instead of failing
// at once; a timeout that still expires is a retryable IOError.
//
// Thread-safety: one thread at a time per connection (SQLite's "multi-thread"
// mode); open one connection per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/macros.h"
#include "common/result.h"
#include "common/status.h"

namespace floe {

class SqliteStatement;

class SqliteConnection {
 public:
  // Opens (creating if absent) the database file at `path`.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        int busy_timeout_ms = 30000);
  ~SqliteConnection();
  FLOE_DISALLOW_COPY_AND_ASSIGN(SqliteConnection);

  // Runs statements that return no rows.
  Status Execute(std::string_view sql);
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;

  // BEGIN IMMEDIATE: takes the write lock now, so the transaction's reads see
  // what its writes will be checked against.
  Status BeginWrite();
  Status Commit();
  // Never fails in a way the caller could act on; errors are dropped.
  void Rollback();

  const std::string& path() const { return path_; }
  // `rc` and the connection's message as a Status naming `what`.
  Status Error(int rc, std::string_view what) const;

 private:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// A prepared statement: Bind* values (1-based), then Step() row by row.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  Status BindText(int index, std::string_view value);
  Status BindNull(int index);
  // True while a row is available; false once the statement is done.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  // Columns of the current row (0-based); nullopt for NULL.
  std::optional<std::string> ColumnText(int index) const;

 private:
  friend class SqliteConnection;
  SqliteStatement(const SqliteConnection* connection, sqlite3_stmt* stmt)
      : connection_(connection), stmt_(stmt) {}
  const SqliteConnection* connection_;
  sqlite3_stmt* stmt_;
};

// Rolls back unless Commit() was called: a failed step leaves no partial write.
class SqliteWriteTransaction {
 public:
  static Result<SqliteWriteTransaction> Begin(SqliteConnection& connection);
  SqliteWriteTransaction(SqliteWriteTransaction&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  SqliteWriteTransaction& operator=(SqliteWriteTransaction&&) = delete;
  ~SqliteWriteTransaction();
  Status Commit();

 private:
  explicit SqliteWriteTransaction(SqliteConnection* connection) : connection_(connection) {}
  SqliteConnection* connection_;
};

}  // namespace floe
