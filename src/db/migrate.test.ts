import { describe, expect, it } from 'vitest';
import { splitStatements } from './migrate.js';

describe('splitStatements', () => {
  it('splits on line-final semicolons, skips comment lines, keeps dollar-quoted bodies whole', () => {
    const sql = `-- a comment;
create table a (x int);
create function f() returns int as $$
begin
  return 1;
end;
$$ language plpgsql;
insert into a values (1);`;
    expect(splitStatements(sql)).toEqual([
      'create table a (x int);',
      'create function f() returns int as $$\nbegin\n  return 1;\nend;\n$$ language plpgsql;',
      'insert into a values (1);',
    ]);
  });
});
