drop table if exists user;
create table user (
  user_id integer primary key autoincrement,
  username text not null unique,
  email text not null,
  pw_hash text not null
);
drop table if exists follower;
create table follower (
  who_id integer not null,
  whom_id integer not null,
  primary key (who_id, whom_id)
);
drop table if exists message;
create table message (
  message_id integer primary key autoincrement,
  author_id integer not null,
  text text not null,
  pub_date integer
);
