@area:cart
Feature: The session cart (api/cart/add, api/cart/edit, api/cart/remove, api/cart/products)
  Each API session has its own cart; another session never sees it. Its lines live in the store's cart table, keyed
  by the session (the api_token), and each line has a **cart key** (`cart_id`), an integer that names it in
  `api/cart/edit` and `api/cart/remove`.

  `api/cart/add` adds one product, `product_id=<id>&quantity=<n>`, with its options in OpenCart's bracket encoding:
  `option[<product_option_id>]=<product_option_value_id>` for a select or radio, `option[<id>][]=<value id>` for each
  ticked checkbox, the text itself for text, textarea, date, time and date-and-time, an upload code for a file. The
  product must be one the store sells (else `{"error":{"store":…}}`) and every required option must be given (else
  `{"error":{"option":{"<product_option_id>":"<Name> required!", …}}}`, every missing option at once, and nothing
  is added). Options sent empty are dropped (`array_filter`), so they neither count as given nor make a line of their
  own. Other option values are kept with the line as sent, but the cart shows and prices only what the product has: an
  option id the product does not have, a value that is not one of the option's values, or a checkbox value sent as a
  single value rather than a list is not shown, and adds nothing to the price. The quantity is not validated: it defaults to 1 and is read as an integer (`abc` is 0); it adds to a line
  of the same product with the same options, so a negative quantity subtracts; a line whose quantity ends at 0 or
  below disappears on the next read of the cart. A request naming no product answers `[]`. The batch form
  `product[<i>][product_id|quantity|option]` first empties the cart, then adds every item without a check (a malformed
  item must not break the store: it answers documented JSON).

  `api/cart/edit` sets a line's quantity: `key=<cart key>&quantity=<n>`. It never fails: a key that names no line of
  this session's cart (unknown, or another session's) changes nothing and still answers success.
  `api/cart/remove` removes the line `key=<cart key>` (or a gift voucher bought in this session, by its code); a key of
  no line still answers success, a request without `key` answers `[]`.
  Every change to the cart drops the shipping and payment methods listed and chosen.

  `api/cart/products` lists the lines (`products`), the gift vouchers bought in this session (`vouchers`) and the
  order totals so far (`totals`). Prices are formatted in the session currency with tax included: a line's `total` is
  its `price` × `quantity`; the totals run Sub-Total (before tax), then shipping and discounts when there are any, the
  taxes, and Total, their sum. `error.stock` warns of a line short of stock (the line shows `stock: false`) on a store
  that does not sell beyond its stock; `error.minimum` has one message for each line whose product is bought below its
  minimum quantity, counted over all lines of that product. See the cart operations in openapi.yaml.

  Rule: a product is added with its quantity, and with every required option in the option[ID] encoding

    @route:cart/add @route:cart/products @id:cart-add-simple @must
    Scenario: a product without options is added with its quantity
      Given I am logged in
      When I add 2 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @route:cart/add @id:cart-add-message @should
    Scenario: adding a product says the cart was modified
      Given I am logged in
      When I add 1 of the "simple" product to the cart
      Then the answer is a success saying the "cartSuccess" message

    @route:cart/add @route:cart/products @id:cart-add-every-option-type @must
    Scenario: a product is added with a value for every type of option
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart with every option
      Then the answer is the "Success" variant
      And the cart holds 2 of the "with every option type" product at its price with every option
      And the cart line of the "with every option type" product shows every option chosen

    @route:cart/add @route:cart/products @id:cart-add-option-missing @must
    Scenario Outline: the <option> option left out refuses the product, naming that option only
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart without its "<option>" option
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names only the "<option>" option of the "with every option type" product as missing
      And the cart holds no "with every option type" product

      Examples:
        | option   |
        | checkbox |
        | select   |
        | radio    |
        | text     |
        | textarea |
        | date     |
        | time     |
        | datetime |
        | file     |

    @route:cart/add @id:cart-add-option-missing-message @should
    Scenario Outline: the refusal names the <option> option in English
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart without its "<option>" option
      Then the error names the "<option>" option of the "with every option type" product as required

      Examples:
        | option   |
        | select   |
        | datetime |

    @route:cart/add @route:cart/products @id:cart-add-options-all-missing @must
    Scenario: a product sent without its options is refused with every required option named at once
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names every option of the "with every option type" product as missing
      And the cart holds no "with every option type" product

    @route:cart/add @id:cart-add-option-empty @must
    Scenario: an option sent with an empty value counts as left out
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with its "select" option sent empty
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names only the "select" option of the "with a required select" product as missing

    @route:cart/add @id:cart-add-unknown-product @must
    Scenario: a product the store does not sell is refused
      Given I am logged in
      When I add 1 of the "unknown" product to the cart
      Then the answer is the "ProductNotInStore" variant
      And the error keys are "store"

    @route:cart/add @id:cart-add-unknown-product-message @should
    Scenario: the refusal of a product the store does not sell says so in English
      Given I am logged in
      When I add 1 of the "unknown" product to the cart
      Then the error "store" is the "cartStore" message

    @route:cart/add @route:cart/products @id:cart-add-no-product @must
    Scenario Outline: a request naming no product (<case>) answers an empty list and changes nothing
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When <request>
      Then the answer is an empty list
      And the cart holds only:
        | product | quantity |
        | simple  | 1        |

      Examples:
        | case                        | request                                                      |
        | only a quantity             | I add a quantity but no product to the cart                  |
        | the product in the query    | I add the "not shippable" product to the cart in the query string |

  Rule: the quantity is not validated: it defaults to 1, is read as an integer, and adds to a line of the same product and options

    @route:cart/add @route:cart/products @id:cart-add-quantity-default @must
    Scenario: a product sent without a quantity is added once
      Given I am logged in
      When I add the "simple" product to the cart without a quantity
      Then the answer is the "Success" variant
      And the cart holds 1 of the "simple" product at its unit price

    @route:cart/add @route:cart/products @id:cart-add-quantity-not-positive @must
    Scenario Outline: a quantity of <quantity> is accepted, but no line shows in the cart
      Given I am logged in
      When I add the "simple" product to the cart with the quantity "<quantity>"
      Then the answer is the "Success" variant
      And the cart holds no "simple" product

      Examples:
        | quantity |
        | 0        |
        | -1       |
        | abc      |

    @route:cart/add @route:cart/products @id:cart-add-quantity-negative-subtracts @must
    Scenario: a negative quantity subtracts from the line of the same product
      Given I am logged in
      And my cart holds 3 of the "simple" product
      When I add the "simple" product to the cart with the quantity "-1"
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @route:cart/add @route:cart/products @id:cart-add-same-product-merges @must
    Scenario: the same product added twice makes one line with both quantities
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 2 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds 3 of the "simple" product at its unit price

    @route:cart/add @route:cart/products @id:cart-add-other-options-new-line @must
    Scenario: the same product with other option values makes a line of its own
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with every option, once for each value of its "select" option
      Then the answer is the "Success" variant
      And the cart holds one line of the "with a required select" product for each value of its "select" option

    @route:cart/add @route:cart/products @id:cart-add-empty-option-dropped @must
    Scenario: an option sent empty is dropped, so the line merges with the line without options
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 1 of the "simple" product to the cart with the "select" option of the "with every option type" product sent empty
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @route:cart/add @route:cart/products @id:cart-add-foreign-option @must
    Scenario: an option the product does not have makes a line of its own, which shows no option
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 1 of the "simple" product to the cart with the "select" option of the "with every option type" product
      Then the answer is the "Success" variant
      And the cart holds 2 lines of the "simple" product, none showing an option

    @route:cart/add @route:cart/products @id:cart-add-foreign-option-value @must
    Scenario: a value that is not one of the option's values is kept, but neither shown nor priced
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with its "select" option set to a value of the "with every option type" product
      Then the answer is the "Success" variant
      And the cart holds 1 of the "with a required select" product at its unit price
      And the cart holds 1 line of the "with a required select" product, none showing an option

    @route:cart/add @route:cart/products @id:cart-add-checkbox-single-value @must
    Scenario: a checkbox value sent as a single value rather than a list is kept but not shown
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart with every option, its checkbox sent as a single value
      Then the answer is the "Success" variant
      And the cart line of the "with every option type" product shows every option chosen but the "checkbox"

  Rule: the batch form product[i][...] replaces the whole cart
    OpenCart 3.0.5.0 empties the cart before it adds the products of a batch.

    @route:cart/add @route:cart/products @id:cart-add-batch-replaces @must
    Scenario: a batch empties the cart, then adds every item with its options
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I replace the cart with a batch of:
        | product                | quantity | options      |
        | not shippable          | 1        |              |
        | with a required select | 2        | every option |
      Then the answer is the "Success" variant
      And the cart holds only:
        | product                | quantity |
        | not shippable          | 1        |
        | with a required select | 2        |
      And the cart line of the "with a required select" product shows every option chosen

    @route:cart/add @route:cart/products @id:cart-add-batch-skips-plain-item @must
    Scenario: a batch with an item that is a plain value, not a list of fields, is answered with documented JSON
      Given I am logged in
      When I replace the cart with a batch whose first item is not a list, then:
        | product       | quantity |
        | not shippable | 1        |
      Then the answer is documented JSON
      And my session still works

    @route:cart/add @route:cart/products @id:cart-add-after-batch-keeps @must
    Scenario: a single product added after a batch joins the batch's lines
      Given I am logged in
      And I replace the cart with a batch of:
        | product       | quantity | options |
        | not shippable | 1        |         |
      When I add 1 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product       | quantity |
        | not shippable | 1        |
        | simple        | 1        |

  Rule: a line's quantity is changed by its cart key, and a key of no line of this cart changes nothing

    @route:cart/edit @route:cart/products @id:cart-edit-quantity @must
    Scenario: a line's quantity is changed by its cart key, and the line is priced for it
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I change the quantity of my "simple" line to 3
      Then the answer is the "Success" variant
      And the cart holds 3 of the "simple" product at its unit price
      And the cart holds only:
        | product     | quantity |
        | simple      | 3        |
        | with points | 1        |

    @route:cart/edit @route:cart/products @id:cart-edit-to-nothing @must
    Scenario Outline: a quantity of <quantity> takes the line out of the cart
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I change the quantity of my "simple" line to <quantity>
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

      Examples:
        | quantity |
        | 0        |
        | -1       |

    @route:cart/edit @route:cart/products @id:cart-edit-unknown-key @must
    Scenario: a cart key no session has is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I change the quantity of a cart key no session has to 5
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @route:cart/edit @route:cart/products @id:cart-edit-other-session-key @must
    Scenario: another session's cart key is answered with success and changes neither cart
      Given I am logged in
      And another session is logged in
      And my cart holds 2 of the "simple" product
      And the other session's cart holds 1 of the "with points" product
      When I change the quantity of the other session's "with points" line to 5
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 1        |

    @route:cart/edit @route:cart/products @id:cart-edit-no-fields @must
    Scenario: a request without key and quantity is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I call "api/cart/edit"
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @route:cart/edit @id:cart-edit-message @should
    Scenario: a change of quantity says the cart was modified
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I change the quantity of my "simple" line to 1
      Then the answer is a success saying the "cartSuccess" message

    @route:cart/edit @route:cart/products @id:cart-edit-drops-shipping-method @must
    Scenario: after a change of quantity the totals no longer carry the shipping chosen before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the "flat" shipping method is chosen
      And the cart totals show the "flat" shipping line
      When I change the quantity of my "simple" line to 2
      Then the cart totals show no "flat" shipping line

  Rule: a line is removed by its cart key, and a key of no line of this cart changes nothing

    @route:cart/remove @route:cart/products @id:cart-remove-line @must
    Scenario: removing a line by its cart key removes that line only
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I remove my "simple" line from the cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

    @route:cart/remove @route:cart/products @id:cart-remove-twice @must
    Scenario: removing the same line again is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      And I remove my "simple" line from the cart
      When I remove my "simple" line from the cart again
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

    @route:cart/remove @route:cart/products @id:cart-remove-unknown-key @must
    Scenario: a cart key no session has is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I remove a cart key no session has
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @route:cart/remove @route:cart/products @id:cart-remove-other-session-key @must
    Scenario: another session's cart key is answered with success and removes nothing from either cart
      Given I am logged in
      And another session is logged in
      And my cart holds 2 of the "simple" product
      And the other session's cart holds 1 of the "with points" product
      When I remove the other session's "with points" line from my cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 1        |

    @route:cart/remove @route:cart/products @id:cart-remove-no-key @must
    Scenario: a request without a key answers an empty list and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I call "api/cart/remove"
      Then the answer is an empty list
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @route:cart/remove @id:cart-remove-message @should
    Scenario: removing a line says the cart was modified
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I remove my "simple" line from the cart
      Then the answer is a success saying the "cartSuccess" message

  Rule: the cart lists its lines at their prices, and its totals add up

    @route:cart/products @id:cart-products-empty @must
    Scenario: a new session's cart has no lines, and totals of zero
      Given I am logged in
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart has no lines and its totals are zero

    @route:cart/products @id:cart-products-lines @must
    Scenario: every line shows its product, and is priced at its unit price times its quantity
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with a required select" product with every option
      And my cart holds 3 of the "not shippable" product
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And each cart line shows its product's name, model, shipping and reward points
      And every line total of the cart is its price times its quantity

    @route:cart/products @id:cart-products-totals @must
    Scenario: the Sub-Total is the lines' prices before tax, and the Total what the lines cost with tax
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      And my cart holds 3 of the "not shippable" product
      When I call "api/cart/products"
      Then the cart Sub-Total is the sum of the lines' prices before tax
      And the cart totals add up

    @route:cart/products @id:cart-products-totals-with-gift-voucher @must
    Scenario: a gift voucher bought in this session counts in the Sub-Total and the Total
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I buy a gift voucher of 25 for "Bob"
      When I call "api/cart/products"
      Then the cart lists 1 gift voucher
      And the cart Sub-Total is the sum of the lines' prices before tax
      And the cart totals add up

    @route:cart/products @id:cart-products-totals-titles @should
    Scenario: the totals are titled Sub-Total first and Total last
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/cart/products"
      Then the cart totals begin with "Sub-Total" and end with "Total"

    @route:cart/products @id:cart-products-get @must
    Scenario: the cart is read with GET as well
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I read the cart with GET
      Then the answer is the "CartContents" variant
      And every line total of the cart is its price times its quantity

  Rule: the cart warns of a line short of stock, and of a product below its minimum quantity
    The stock warning is given by a store that does not sell beyond its stock, or that warns about it (the demo store
    does neither, so it warns). The minimum is counted over all lines of a product.

    @route:cart/add @route:cart/products @id:cart-products-stock-warning @must
    Scenario: a line above the stock is accepted, then marked out of stock with a warning
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And my cart holds more of the "with a required select" product than its stock
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the error keys are "stock"
      And the cart line of the "with a required select" product is out of stock
      And the cart line of the "simple" product is in stock

    @route:cart/products @id:cart-products-stock-warning-message @should
    Scenario: the stock warning says so in English
      Given I am logged in
      And my cart holds more of the "with a required select" product than its stock
      When I call "api/cart/products"
      Then the error "stock" is the "cartStock" message

    @route:cart/products @id:cart-products-no-warning @must
    Scenario: a cart within stock and minimums has no warning
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 2 of the "with every option type" product with every option
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning

    @route:cart/add @route:cart/products @id:cart-products-minimum-warning @must
    Scenario: a product below its minimum quantity is accepted, then warned about
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option
      And my cart holds as many of the "simple" product as the "with every option type" product's minimum
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the error keys are "minimum"
      And the minimum warning is given once for each line of the "with every option type" product
      And the cart line of the "with every option type" product is in stock

    @route:cart/products @id:cart-products-minimum-over-lines @must
    Scenario: the minimum quantity is counted over all lines of the product
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option, once for each value of its "checkbox" option
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning

    @route:cart/products @id:cart-products-minimum-warning-message @should
    Scenario: the minimum warning names the product and its minimum in English
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option
      When I call "api/cart/products"
      Then the minimum warning names the "with every option type" product and its minimum

  Rule: a line is priced for its options and for the quantity of all lines of its product
    A line's unit price is the product's price — its quantity discount for the customer group when all lines of the
    product together reach the discount's quantity, or its special — with each option value's price added (`+`) or
    taken away (`-`). The points needed to buy a line with reward points are likewise the product's points with each
    option value's points added or taken away, times the quantity (api/reward/maximum sums them). A product without
    reward points for the customer group shows `reward: 0`. The "priced by quantity" product is untaxed, so its prices
    show as they are.

    @route:cart/add @route:cart/products @id:cart-price-option-adds-or-takes @must
    Scenario: an option value adds to the unit price or takes from it
      Given I am logged in
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Blue"
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced for its "select" value
      And the cart totals add up

    @route:cart/add @route:cart/products @id:cart-price-quantity-discount-over-lines @must
    Scenario: the quantity discount counts the quantity of every line of the product
      Given I am logged in
      And my cart holds the quantity discount's quantity of the "priced by quantity" product, split over the values of its "select" option
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced at the quantity discount for its "select" value
      And the cart totals add up

    @route:cart/add @route:cart/products @id:cart-price-quantity-discount-own-lines-only @must
    Scenario: lines of other products do not count towards a product's quantity discount
      Given I am logged in
      And my cart holds one less than the quantity discount's quantity of the "priced by quantity" product
      And my cart holds as many of the "simple" product as the quantity discount's quantity of the "priced by quantity" product
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced for its "select" value

    @route:cart/add @route:reward/maximum @id:cart-points-option-adds-or-takes @must
    Scenario: the points to buy a line count its option value's points, times its quantity
      Given I am logged in
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And my cart holds 2 of the "priced by quantity" product with its "select" option "Blue"
      When I call "api/reward/maximum"
      Then the reward maximum counts each line of the "priced by quantity" product at its points for its "select" value

  Rule: a line is in stock while the product's stock covers its quantity

    @route:cart/add @route:cart/products @id:cart-products-stock-all @must
    Scenario: a line of exactly the product's stock is in stock, without a warning
      Given I am logged in
      And my cart holds all the stock of the "priced by quantity" product
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning
      And the cart line of the "priced by quantity" product is in stock

    @route:cart/add @route:cart/products @id:cart-products-stock-one-more @must
    Scenario: a line of one more than the product's stock is out of stock, with the warning
      Given I am logged in
      And my cart holds more of the "priced by quantity" product than its stock
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the error keys are "stock"
      And the cart line of the "priced by quantity" product is out of stock

  Rule: two sessions never see each other's carts

    @route:cart/add @route:cart/products @id:cart-sessions-isolated @must
    Scenario: what one session adds, the other does not see
      Given I am logged in
      And another session is logged in
      When I add 1 of the "simple" product to the cart
      And the other session adds 2 of the "with points" product to its cart
      Then the cart holds only:
        | product | quantity |
        | simple  | 1        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 2        |
