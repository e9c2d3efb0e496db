@area:negative @negative @every-route
Feature: Hostile input never breaks a store
  Requests built to break a store, generated with fast-check from the request body schema of each operation in
  openapi.yaml from a fixed seed (INVOTIDE_SEED): every run sends the same requests, and a failing one is printed with
  its index and seed, to be replayed. Each family (a Rule below) has scenario ids of its own: each is a different way a
  store can break, and a store known to break one way must still be tested for the others. A store that crashes
  answers HTTP 500 with an empty body or an HTML page: the client learns nothing, and a request that should have been
  refused may have been half done.

  Rule: every route answers hostile values of the documented kinds with documented JSON

    Every field gets a value of the kind the contract documents for it (an object or a list only where one is
    documented), with hostile content: SQL-looking and markup strings, oversized values, numbers written as text;
    any field may be missing, and unknown extra fields come along.

    @id:negative-hostile-input @must
    Scenario Outline: <route> under hostile input
      Given I am logged in
      When I send 20 generated hostile requests to "<route>"
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

  Rule: every route answers a list sent for a single value with documented JSON

    PHP's bracket syntax lets any client send a list (`currency[]=EUR`); a store that hands it to a string function
    unchecked dies on it. A route that reads no single-value field gets its lists in unknown fields.

    @id:negative-list-for-text @must
    Scenario Outline: <route> sent a list where a single value is documented
      Given I am logged in
      When I send 5 generated requests to "<route>" with a list where a single value is documented
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

  Rule: every route answers text outside the Basic Multilingual Plane with documented JSON

    A store that talks to its database in 3-byte UTF-8 can neither compare nor store characters of 4 bytes (emoji,
    U+1D158). A route that reads no field gets such text in unknown fields.

    @id:negative-astral-text @must
    Scenario Outline: <route> sent text outside the Basic Multilingual Plane
      Given I am logged in
      When I send 5 generated requests to "<route>" with text outside the Basic Multilingual Plane
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
