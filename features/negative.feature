@area:negative @negative
Feature: Hostile input never breaks a store
  A store is sent requests built to break it: wrong types, missing fields, oversized and unicode values, markup and
  SQL-looking strings, an array where a scalar belongs (`quantity[]=1`) and unknown extra fields. They are generated
  from the request fields of each operation in openapi.yaml with fast-check, from a fixed seed (INVOTIDE_SEED), so
  every run sends the same requests and a failing one is printed whole to be replayed.
  A conforming store answers each with its documented JSON — an error or an acceptance — never a 5xx, a PHP error
  or an HTML page, and the session keeps working.

  Rule: every route answers hostile input with documented JSON

    @id:negative-hostile-input @must
    Scenario Outline: <route> under hostile input
      Given I am logged in
      When I send 30 generated hostile requests to "<route>"
      Then every answer was documented JSON
      And my session still works

      Examples: routes that do not write orders
        | route                |
        | api/login            |
        | api/currency         |
        | api/cart/add         |
        | api/cart/edit        |
        | api/cart/remove      |
        | api/cart/products    |
        | api/coupon           |
        | api/customer         |
        | api/voucher          |
        | api/voucher/add      |
        | api/reward           |
        | api/reward/maximum   |
        | api/reward/available |
        | api/shipping/address |
        | api/shipping/methods |
        | api/shipping/method  |
        | api/payment/address  |
        | api/payment/methods  |
        | api/payment/method   |
        | api/order/info       |

      @writes
      Examples: routes that may write orders
        | route             |
        | api/order/add     |
        | api/order/edit    |
        | api/order/delete  |
        | api/order/history |
