#include "catalog/sqlite_connection.h"

#include <utility>

namespace floe {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IOError("sqlite: {}: cannot open: {}", path, message);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db, path));
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

Status SqliteConnection::Error(int rc, std::string_view what) const {
  const int primary = rc & 0xff;
  std::string message = fmt::format("sqlite: {}: {}: {}", path_, what, sqlite3_errmsg(db_));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::IOError("{} (the database stayed locked by another writer)", message)
        .WithRetryable(true);
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::Corruption("{}", message);
  if (primary == SQLITE_CONSTRAINT) return Status::AlreadyExists("{}", message);
  return Status::IOError("{}", message);
}

Status SqliteConnection::Execute(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Status::OK();
}

Result<SqliteStatement> SqliteConnection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return SqliteStatement(this, stmt);
}

int64_t SqliteConnection::changes() const { return sqlite3_changes64(db_); }

Status SqliteConnection::BeginWrite() { return Execute("BEGIN IMMEDIATE"); }
Status SqliteConnection::Commit() { return Execute("COMMIT"); }
void SqliteConnection::Rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

Status SqliteStatement::BindText(int index, std::string_view value) {
  const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) return connection_->Error(rc, "bind");
  return Status::OK();
}

Status SqliteStatement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) return connection_->Error(rc, "bind");
  return Status::OK();
}

Result<bool> SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->Error(rc, sqlite3_sql(stmt_));
}

Status SqliteStatement::Run() {
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::OK();
  }
}

std::optional<std::string> SqliteStatement::ColumnText(int index) const {
  if (sqlite3_column_type(stmt_, index) == SQLITE_NULL) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  const int size = sqlite3_column_bytes(stmt_, index);
  return std::string(text, static_cast<size_t>(size));
}

Result<SqliteWriteTransaction> SqliteWriteTransaction::Begin(SqliteConnection& connection) {
  FLOE_RETURN_NOT_OK(connection.BeginWrite());
  return SqliteWriteTransaction(&connection);
}

SqliteWriteTransaction::~SqliteWriteTransaction() {
  if (connection_ != nullptr) connection_->Rollback();
}

Status SqliteWriteTransaction::Commit() {
  SqliteConnection* connection = std::exchange(connection_, nullptr);
  Status st = connection->Commit();
  if (!st.ok()) connection->Rollback();
  return st;
}

}  // namespace floe
